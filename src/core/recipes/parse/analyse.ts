import type { RecipeContext } from "../types.js";
import type { Draft, Findings } from "./draft.js";
import { extractEcr, extractKms, extractLambda, extractSg } from "./kinds-compute.js";
import { extractDynamo, extractS3, extractSecret, extractSns, extractSqs } from "./kinds-data.js";
import { extractAlarm, extractOidc, extractScheduleBlock } from "./kinds-link.js";
import type { AlarmWish } from "./kinds-link.js";
import { DLQ, findMentions, splitClauses } from "./mentions.js";
import type { Kind, Mention } from "./mentions.js";
import { Clause } from "./text.js";
import { takeName, toName } from "./words.js";

const MAX_CLAUSES = 40;
// A reviewable pull request; more blocks than this is several changes.
const MAX_BLOCKS = 20;
const OUT_OF_SCOPE =
  /\b(?:rds|aurora|postgres(?:ql)?\s+database|mysql\s+database|database\s+server|ec2(?:\s+instances?)?|eks|kubernetes|ecs(?:\s+(?:cluster|service))?|fargate|vpc|subnets?|nat\s+gateway|cloudfront|cdn|api\s+gateway|rest\s+api|load\s+balancer|alb|nlb|elasticache|opensearch|elasticsearch|route\s?53|dns|step\s+functions?|kinesis|redshift|glue|athena|cognito|waf)\b/;

export interface Analysis {
  drafts: Draft[];
  alarmWishes: Map<Draft, AlarmWish>;
  clauses: Clause[];
  findings: Findings;
}

function extract(d: Draft, f: Findings, wishes: Map<Draft, AlarmWish>): void {
  const extractors: Record<Kind, (d: Draft, f: Findings) => void> = {
    s3: extractS3,
    dynamodb: extractDynamo,
    sqs: extractSqs,
    sns: extractSns,
    secret: extractSecret,
    lambda: extractLambda,
    ecr: extractEcr,
    kms: extractKms,
    sg: extractSg,
    oidc: extractOidc,
    schedule: extractScheduleBlock,
    alarm: (draft, findings) => {
      const wish = extractAlarm(draft, findings);
      if (wish !== undefined || !wishes.has(draft)) wishes.set(draft, wish);
      extractSns(draft, findings);
    },
  };
  extractors[d.kind](d, f);
}

/** Reads the cleaned request clause by clause into drafts of building blocks, claiming every word it understands. */
export function analyse(text: string, ctx: RecipeContext): Analysis {
  const findings: Findings = { questions: [], notes: [], unrecognized: [] };
  const drafts: Draft[] = [];
  const wishes = new Map<Draft, AlarmWish>();
  const parts = splitClauses(text);
  if (parts.length > MAX_CLAUSES) {
    findings.questions.push(
      `The request has ${parts.length} parts; I read only the first ${MAX_CLAUSES}. Please split it into smaller requests.`,
    );
  }
  const clauses = parts.slice(0, MAX_CLAUSES).map((t) => new Clause(t));
  const existingKinds = new Set(ctx.existingResources.map((r) => r.type));
  clauses.forEach((clause, clauseIndex) => {
    for (const m of clause.takeAll(OUT_OF_SCOPE)) {
      findings.questions.push(
        `${m[0].toUpperCase()} is not in the offline recipes: configure a model (LLM) for it, or ask for one of the building blocks I have.`,
      );
      findings.unrecognized.push(m[0]);
    }
    clause.takeAll(DLQ);
    // Names given outright ("named my-data-bucket", 'orders') go before nouns are read, so a name is never a noun.
    const given = clause
      .takeAll(/\b(?:called|named|name\s+it)\s+["'‘“]?([a-z0-9][a-z0-9_.-]{0,60})["'’”]?/)
      .map((m) => ({ at: m.index, name: toName((m[1] ?? "").replace(/\.fifo$/, "")) }));
    const mentions = findMentions(clause);
    // "an alarm when the orders lambda errors": "the" names something that should exist, not a new block.
    const watcher = mentions.some((m) => m.kind === "alarm" || m.kind === "schedule");
    const isRef = (m: Mention): boolean =>
      m.definite && (watcher || drafts.some((d) => d.kind === m.kind) || existingKinds.has(TYPE_OF[m.kind]));
    const othersInClause = mentions.some((m) => m.kind !== "kms" && !isRef(m));
    const fresh = mentions.filter((m) => !isRef(m) && !(m.kind === "kms" && othersInClause));
    const local: Draft[] = fresh.map((m, i) => ({
      kind: m.kind,
      clause,
      clauseIndex,
      from: i === 0 ? 0 : m.start,
      to: fresh[i + 1]?.start ?? clause.text.length,
      params: {},
      refs: [],
      cmk: false,
    }));
    linkReferences(
      clause,
      mentions.filter((m) => !fresh.includes(m)),
      local,
      drafts,
      findings,
    );
    local.forEach((d, i) => {
      extract(d, findings, wishes);
      if (d.cmk) clause.take(/\b(?:encrypted|encryption)(?:\s+(?:with|using|by))?\b/, d.from, d.to);
      const mention = fresh[i];
      if (mention !== undefined)
        d.name = nameDraft(clause, mention, i === 0 ? 0 : (fresh[i - 1]?.end ?? 0), d.to, given);
    });
    if (local.length === 0) applyToEarlier(clause, mentions, drafts, findings, wishes);
    drafts.push(...local);
  });
  if (drafts.length > MAX_BLOCKS) {
    findings.questions.push(
      `That is ${drafts.length} building blocks; one change takes at most ${MAX_BLOCKS}. I kept the first ${MAX_BLOCKS}: please ask for the rest separately.`,
    );
    drafts.length = MAX_BLOCKS;
  }
  return { drafts, alarmWishes: wishes, clauses, findings };
}

/** Points each block at what its words refer back to ("the queue", "it"), and at a key it should use. */
function linkReferences(
  clause: Clause,
  refs: Mention[],
  local: Draft[],
  drafts: Draft[],
  findings: Findings,
): void {
  const owner = (pos: number): Draft | undefined =>
    local.find((d) => pos >= d.from && pos < d.to) ?? local[0];
  for (const m of refs) {
    const target = owner(m.start);
    // "the payments queue": the words naming what is referred to are understood, not stray text.
    const named = /\b(?:the|that|this|its|same|existing)\s+((?:[a-z0-9_-]+\s+)?)$/.exec(
      clause.lower.slice(0, m.start),
    );
    if (named?.[1] !== undefined && named[1] !== "") clause.claim(m.start - named[1].length, m.start);
    if (m.kind === "kms" && target !== undefined) target.cmk = true;
    else if (target !== undefined) target.refs.push(m.kind);
    else findings.notes.push(`"${clause.text.slice(m.start, m.end)}" refers to something named earlier.`);
  }
  for (const d of local) {
    const it = clause.take(/\b(?:it|them|its)\b/, d.from, d.to);
    const previous = [...drafts, ...local.slice(0, local.indexOf(d))].pop();
    if (it === undefined || previous === undefined) continue;
    d.refs.push(previous.kind);
    // "a bucket encrypted with it", right after a KMS key: that key encrypts the bucket.
    if (previous.kind === "kms" && clause.take(/\bencrypt(?:ed|s|ing)?\s+(?:with|using|by)\b/, d.from, d.to))
      d.cmk = true;
  }
}

/** A name given outright, a quoted word right after the noun, or one read from the words around it. */
function nameDraft(
  clause: Clause,
  mention: Mention,
  from: number,
  to: number,
  given: { at: number; name: string | undefined }[],
): string | undefined {
  const named = given.find((g) => g.at >= from && g.at < to);
  if (named?.name !== undefined) return named.name;
  // Quoted text elsewhere may be a value (a password), so only a quote touching the noun is a name.
  const quoted = /^\s*["'‘“]([a-z0-9][a-z0-9_.-]{0,40})["'’”]/.exec(clause.lower.slice(mention.end));
  if (quoted?.[1] !== undefined && clause.isFree(mention.end, mention.end + quoted[0].length)) {
    clause.claim(mention.end, mention.end + quoted[0].length);
    return toName(quoted[1]);
  }
  return takeName(clause, from, to, mention.start);
}

/** A clause with no new block ("Keep messages 7 days.") refines the block it names, or the last one. */
function applyToEarlier(
  clause: Clause,
  mentions: Mention[],
  drafts: Draft[],
  f: Findings,
  wishes: Map<Draft, AlarmWish>,
): void {
  const named = mentions[0]?.kind;
  const target = [...drafts].reverse().find((d) => named === undefined || d.kind === named);
  if (target === undefined) return;
  const view: Draft = { ...target, clause, from: 0, to: clause.text.length, refs: [] };
  extract(view, f, wishes);
  if (view.schedule !== undefined) target.schedule = view.schedule;
  if (mentions.some((m) => m.kind === "kms")) target.cmk = true;
  const wish = wishes.get(view);
  if (wish !== undefined) wishes.set(target, wish);
}

export const TYPE_OF: Record<Kind, string> = {
  kms: "aws_kms_key",
  s3: "aws_s3_bucket",
  dynamodb: "aws_dynamodb_table",
  sqs: "aws_sqs_queue",
  sns: "aws_sns_topic",
  secret: "aws_secretsmanager_secret",
  ecr: "aws_ecr_repository",
  sg: "aws_security_group",
  lambda: "aws_lambda_function",
  schedule: "aws_cloudwatch_event_rule",
  alarm: "aws_cloudwatch_metric_alarm",
  oidc: "aws_iam_role",
};
