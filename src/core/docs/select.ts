/** What retrieval can be asked about: free text, a plan summary, validator findings, or a CI error. */
export type DocsQuery =
  | string
  | {
      text?: string;
      plan?: { resources: { type: string }[] };
      findings?: { message: string; suggestion?: string; code?: string }[];
      error?: string;
    };

export interface SelectedTopics {
  text: string;
  types: string[];
  /** Fully qualified IAM actions named in the query, e.g. "s3:PutObject". */
  actions: string[];
}

/** Plain-English words → the resource types a request with them most likely needs. */
const KEYWORDS: [RegExp, string[]][] = [
  [/\bbuckets?\b|\bs3\b/i, ["aws_s3_bucket"]],
  [/\bqueues?\b|\bsqs\b/i, ["aws_sqs_queue"]],
  [/\btopics?\b|\bsns\b/i, ["aws_sns_topic"]],
  [/\blambdas?\b|\bfunctions?\b|\bserverless\b/i, ["aws_lambda_function"]],
  [/\bdynamo(db)?\b|\bnosql\b/i, ["aws_dynamodb_table"]],
  [/\bkms\b|\bencryption keys?\b|\bcmk\b/i, ["aws_kms_key"]],
  [/\becr\b|\bcontainer (registry|repository)\b|\bimage repo/i, ["aws_ecr_repository"]],
  [/\becs\b|\bfargate\b/i, ["aws_ecs_service"]],
  [/\beks\b|\bkubernetes\b/i, ["aws_eks_cluster"]],
  [/\brds\b|\bpostgres(ql)?\b|\bmysql\b|\bdatabase\b/i, ["aws_db_instance"]],
  [/\bsecrets?\b|\bsecrets ?manager\b/i, ["aws_secretsmanager_secret"]],
  [/\bparameter store\b|\bssm parameter/i, ["aws_ssm_parameter"]],
  [/\balarms?\b/i, ["aws_cloudwatch_metric_alarm"]],
  [/\blog groups?\b|\bcloudwatch logs?\b/i, ["aws_cloudwatch_log_group"]],
  [/\bschedule[ds]?\b|\bcron\b|\bevery \d+ (minutes?|hours?)\b/i, ["aws_scheduler_schedule"]],
  [/\beventbridge\b|\bevent rules?\b/i, ["aws_cloudwatch_event_rule"]],
  [/\bsecurity groups?\b|\bfirewall\b/i, ["aws_security_group"]],
  [/\bvpcs?\b/i, ["aws_vpc"]],
  [/\bsubnets?\b/i, ["aws_subnet"]],
  [/\bec2\b|\bvirtual machines?\b|\binstances?\b/i, ["aws_instance"]],
  [/\biam roles?\b|\broles?\b/i, ["aws_iam_role"]],
  [/\biam polic(y|ies)\b|\bpolic(y|ies)\b/i, ["aws_iam_policy"]],
  [/\boidc\b/i, ["aws_iam_openid_connect_provider"]],
  [/\bload balancers?\b|\balb\b|\bnlb\b/i, ["aws_lb"]],
  [/\bcloudfront\b|\bcdn\b/i, ["aws_cloudfront_distribution"]],
  [/\broute ?53\b|\bdns\b/i, ["aws_route53_record"]],
  [/\bapi gateway\b|\brest api\b|\bhttp api\b/i, ["aws_apigatewayv2_api"]],
  [/\bstep functions?\b|\bstate machines?\b/i, ["aws_sfn_state_machine"]],
  [/\bcertificates?\b|\bacm\b|\btls cert/i, ["aws_acm_certificate"]],
  [/\bkinesis\b|\bstreams?\b/i, ["aws_kinesis_stream"]],
  [/\belasticache\b|\bredis\b|\bmemcached\b/i, ["aws_elasticache_cluster"]],
  [/\befs\b|\bfile ?system\b/i, ["aws_efs_file_system"]],
];

const TYPE_TOKEN = /(?<!\w)((?:data\.)?aws_[a-z0-9_]+)\b/g;
const ACTION_TOKEN = /\b([a-z][a-z0-9-]{1,30}):([A-Z][A-Za-z0-9]{2,80})\b/g;

/** Normalises any query into search text, the types it concerns ("data.aws_x" for data sources), and the IAM actions it names. */
export function selectTopics(
  query: DocsQuery,
  explicitTypes: readonly string[] = [],
  maxTypes = 6,
): SelectedTopics {
  const parts: string[] = [];
  const named: string[] = [...explicitTypes];
  if (typeof query === "string") parts.push(query);
  else {
    if (query.text !== undefined) parts.push(query.text);
    if (query.error !== undefined) parts.push(query.error);
    for (const f of query.findings ?? [])
      parts.push([f.code, f.message, f.suggestion].filter(Boolean).join(" "));
    for (const r of query.plan?.resources ?? []) named.push(r.type);
  }
  const text = parts.join("\n").slice(0, 20_000);
  for (const match of text.matchAll(TYPE_TOKEN)) if (match[1] !== undefined) named.push(match[1]);
  if (named.length === 0)
    for (const [pattern, types] of KEYWORDS) if (pattern.test(text)) named.push(...types);
  const actions = new Set<string>();
  for (const match of text.matchAll(ACTION_TOKEN)) {
    if (match[1] !== undefined && match[1] !== "arn" && match[2] !== undefined)
      actions.add(`${match[1]}:${match[2]}`);
  }
  const types = [...new Set(named.filter((t) => /^(data\.)?aws_[a-z0-9_]+$/.test(t)))].slice(0, maxTypes);
  return { text, types, actions: [...actions].slice(0, 5) };
}
