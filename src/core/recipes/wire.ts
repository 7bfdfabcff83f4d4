import { CATALOGUE } from "./catalogue/index.js";
import { identOf } from "./common.js";
import { RECIPE_OF } from "./parse/mentions.js";
import type { Kind } from "./parse/mentions.js";
import type { AlarmWish } from "./parse/kinds-link.js";
import type { Draft, Findings } from "./parse/draft.js";
import { TYPE_OF } from "./parse/analyse.js";
import type { RecipeContext } from "./types.js";

const CONSUME =
  /\b(?:process(?:es|ing)?|consum(?:e|es|ing)|reads?\s+(?:from\s+)?(?:the\s+)?(?:queue|messages)|poll(?:s|ing)?|handl(?:e|es|ing)|drain(?:s|ing)?|triggered\s+by|fed\s+by|listens?\s+(?:to|on)|works?\s+(?:off|on))\b/;
const WRITE =
  /\b(?:writ(?:e|es|ing)|stor(?:e|es|ing)|puts?|sav(?:e|es|ing)|upload(?:s|ing)?|insert(?:s|ing)?|updat(?:e|es|ing)|records?)\b/;
const READ =
  /\b(?:read(?:s|ing)?|fetch(?:es|ing)?|load(?:s|ing)?|gets?|look(?:s|ing)?\s+up|uses?|query|queries)\b/;
const SEND = /\b(?:send(?:s|ing)?|publish(?:es|ing)?|enqueue(?:s|ing)?|push(?:es|ing)?|notif(?:y|ies))\b/;

const DEFAULT_NAMES: Record<Kind, string> = {
  kms: "main",
  s3: "data",
  dynamodb: "items",
  sqs: "jobs",
  sns: "notifications",
  secret: "app-secret",
  ecr: "app",
  sg: "app",
  lambda: "function",
  schedule: "schedule",
  alarm: "alarm",
  oidc: "github-actions",
};

/** A draft the planner will render, with its final name and the blocks it points at. */
export interface Planned {
  draft: Draft;
  recipe: string;
  name: string;
  params: Record<string, unknown>;
  wiring: string[];
}

/** Existing resource of `kind` the text may mean: the one whose name matches, or the only one. */
export function existingOf(ctx: RecipeContext, kind: Kind, hint?: string): string | undefined {
  const all = ctx.existingResources.filter((r) => r.type === TYPE_OF[kind]);
  const match = hint === undefined ? undefined : all.find((r) => r.name === identOf(hint));
  return match?.name ?? (all.length === 1 ? all[0]?.name : undefined);
}

export interface WireInput {
  drafts: Draft[];
  wishes: Map<Draft, AlarmWish>;
  ctx: RecipeContext;
  findings: Findings;
}

/** Orders drafts by dependency, adds implied blocks (schedules, keys, topics) and fills cross-references. */
export function wire({ drafts, wishes, ctx, findings }: WireInput): Planned[] {
  const order = (d: Draft): number => CATALOGUE.findIndex((r) => r.id === RECIPE_OF[d.kind]);
  const live = drafts.filter((d) => d.dropped !== true);
  const planned: Planned[] = [];
  const plannedOf = (kind: Kind): Planned[] => planned.filter((p) => p.draft.kind === kind);
  const nearest = (kind: Kind, d: Draft): Planned | undefined => {
    const same = plannedOf(kind);
    return same.filter((p) => p.draft.clauseIndex <= d.clauseIndex).pop() ?? same[0];
  };
  const taken = (name: string, kind: Kind): boolean => {
    const id = identOf(name);
    return (
      planned.some((p) => p.name === name && p.draft.kind === kind) ||
      ctx.existingResources.some((r) => r.name === id || r.name.startsWith(`${id}_`)) ||
      (ctx.existingFiles ?? []).some((path) => path.startsWith(`src/${name}/`))
    );
  };
  const add = (draft: Draft, name: string, params: Record<string, unknown>, wiring: string[]): Planned => {
    let unique = name;
    for (let n = 2; taken(unique, draft.kind); n += 1) unique = `${name}-${n}`;
    if (unique !== name)
      findings.notes.push(
        `\`${name}\` is already used in this repository: named the new ${draft.kind} block \`${unique}\`.`,
      );
    const p: Planned = { draft, recipe: RECIPE_OF[draft.kind], name: unique, params, wiring };
    planned.push(p);
    return p;
  };
  const implied = (d: Draft, kind: Kind): Draft => ({
    kind,
    clause: d.clause,
    clauseIndex: d.clauseIndex,
    from: 0,
    to: 0,
    params: {},
    refs: [],
    cmk: false,
  });
  let sharedKey: Planned | undefined;
  const keyFor = (d: Draft): string => {
    sharedKey ??= plannedOf("kms")[0] ?? add(implied(d, "kms"), d.name ?? DEFAULT_NAMES[d.kind], {}, []);
    return identOf(sharedKey.name);
  };

  // CloudWatch cannot publish to a topic under the AWS managed SNS key: give the topic a key CloudWatch may use.
  const letCloudWatchPublish = (topic: Planned, d: Draft): void => {
    const current = topic.params["kms_key"];
    let key =
      typeof current === "string" ? plannedOf("kms").find((k) => identOf(k.name) === current) : undefined;
    if (key === undefined && typeof current === "string") {
      findings.notes.push(
        `Make sure the key policy of aws_kms_key.${current} lets cloudwatch.amazonaws.com use it, or alarms cannot publish.`,
      );
      return;
    }
    if (key === undefined) {
      key = add(implied(d, "kms"), topic.name, {}, []);
      topic.params["kms_key"] = identOf(key.name);
      topic.wiring.push(`encrypted with aws_kms_key.${identOf(key.name)}, which CloudWatch alarms may use`);
    }
    const services = Array.isArray(key.params["service_principals"])
      ? (key.params["service_principals"] as string[])
      : [];
    key.params["service_principals"] = [...new Set([...services, "cloudwatch.amazonaws.com"])];
  };

  for (const d of [...live].sort((a, b) => order(a) - order(b))) {
    const wiring: string[] = [];
    const params = { ...d.params };
    if (d.cmk && d.kind !== "kms") {
      params["kms_key"] = keyFor(d);
      wiring.push(`encrypted with aws_kms_key.${keyFor(d)}`);
    }
    let name = d.name;
    if (d.kind === "lambda") {
      wireLambda(d, params, wiring, nearest, ctx);
      const queue = params["sqs_trigger"];
      name ??=
        typeof queue === "string"
          ? `${queue.replace(/_/g, "-")}-processor`
          : d.schedule !== undefined
            ? "scheduled-job"
            : undefined;
    }
    if (d.kind === "schedule") {
      const target = nearest("lambda", d)?.name ?? existingOf(ctx, "lambda");
      if (target === undefined || d.schedule === undefined) {
        findings.questions.push(
          'Which Lambda function should the schedule invoke? Ask for "a python lambda that runs every …".',
        );
        continue;
      }
      params["target_lambda"] = identOf(target);
      params["schedule_expression"] = d.schedule;
      wiring.push(`invokes aws_lambda_function.${identOf(target)}`);
    }
    if (d.kind === "alarm") {
      const hint = wireAlarm(d, params, wishes.get(d), nearest, ctx, findings);
      if (hint === undefined) continue;
      name ??= hint;
      const subscriptions = params["subscriptions"];
      delete params["subscriptions"];
      if (params["sns_topic"] === undefined && Array.isArray(subscriptions)) {
        const topic = add(implied(d, "sns"), `${name}-alerts`, { subscriptions }, []);
        params["sns_topic"] = identOf(topic.name);
      }
      const topic = planned.find((p) => p.draft.kind === "sns" && identOf(p.name) === params["sns_topic"]);
      if (topic !== undefined) letCloudWatchPublish(topic, d);
      wiring.push(
        `watches ${String(params["target"])}, notifies ${typeof params["sns_topic"] === "string" ? params["sns_topic"] : "its own topic"}`,
      );
    }
    if (d.kind === "oidc")
      name ??= `github-${String(params["repository"]).split("/")[1] ?? "actions"}`
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .slice(0, 40)
        .replace(/-+$/, "");
    if (name === undefined) {
      name = DEFAULT_NAMES[d.kind];
      findings.notes.push(
        `No name given for the ${d.kind === "sqs" ? "queue" : d.kind} block: used \`${name}\`.`,
      );
    }
    const p = add(d, name, params, wiring);
    if (d.kind === "lambda" && d.schedule !== undefined) {
      const id = identOf(p.name);
      add(
        implied(d, "schedule"),
        `${p.name}-schedule`,
        { schedule_expression: d.schedule, target_lambda: id },
        [`invokes aws_lambda_function.${id}`],
      );
    }
  }
  return planned.sort(
    (a, b) => CATALOGUE.findIndex((r) => r.id === a.recipe) - CATALOGUE.findIndex((r) => r.id === b.recipe),
  );
}

type Nearest = (kind: Kind, d: Draft) => Planned | undefined;

function wireLambda(
  d: Draft,
  params: Record<string, unknown>,
  wiring: string[],
  nearest: Nearest,
  ctx: RecipeContext,
): void {
  const { clause, from, to } = d;
  const consumes = clause.take(CONSUME, from, to) !== undefined;
  const queue = nearest("sqs", d);
  if (consumes && queue !== undefined) {
    params["sqs_trigger"] = identOf(queue.name);
    // Lambda refuses an SQS trigger whose visibility timeout is shorter than the function timeout; AWS advises 6x.
    const timeout = typeof params["timeout_seconds"] === "number" ? params["timeout_seconds"] : 30;
    const current =
      typeof queue.params["visibility_timeout_seconds"] === "number"
        ? queue.params["visibility_timeout_seconds"]
        : 30;
    const visibility = Math.min(43200, Math.max(current, timeout * 6));
    queue.params["visibility_timeout_seconds"] = visibility;
    if (visibility !== current)
      wiring.push(
        `queue \`${queue.name}\` visibility timeout set to ${visibility} s (6 × the function timeout)`,
      );
  } else if (consumes && d.refs.includes("sqs")) {
    const existing = existingOf(ctx, "sqs");
    if (existing !== undefined) params["sqs_trigger"] = existing;
  }
  const writes = clause.take(WRITE, from, to) !== undefined;
  const reads = clause.take(READ, from, to) !== undefined;
  const sends = clause.take(SEND, from, to) !== undefined;
  const access: { kind: string; target: string }[] = [];
  const linked = (kind: Kind): Planned | undefined => {
    const p = nearest(kind, d);
    return p !== undefined && (p.draft.clauseIndex === d.clauseIndex || d.refs.includes(kind))
      ? p
      : undefined;
  };
  const table = linked("dynamodb");
  if (table !== undefined)
    access.push({ kind: reads && !writes ? "dynamodb_read" : "dynamodb_write", target: identOf(table.name) });
  const bucket = linked("s3");
  if (bucket !== undefined)
    access.push({ kind: reads && !writes ? "s3_read" : "s3_write", target: identOf(bucket.name) });
  const topic = linked("sns");
  if (topic !== undefined) access.push({ kind: "sns_publish", target: identOf(topic.name) });
  const secret = linked("secret");
  if (secret !== undefined) access.push({ kind: "secret_read", target: identOf(secret.name) });
  if (sends && queue !== undefined && params["sqs_trigger"] === undefined)
    access.push({ kind: "sqs_send", target: identOf(queue.name) });
  // Data under a customer managed key is unreadable without the key, so the function gets to use that key too.
  const used = [
    table,
    bucket,
    topic,
    secret,
    typeof params["sqs_trigger"] === "string" || sends ? queue : undefined,
  ];
  for (const key of new Set(
    used.map((p) => p?.params["kms_key"]).filter((k): k is string => typeof k === "string"),
  )) {
    access.push({ kind: "kms_use", target: key });
  }
  if (access.length > 0) params["access"] = access;
}

/** Picks what the alarm watches; returns a name for it, or undefined (and a question) if nothing fits. */
function wireAlarm(
  d: Draft,
  params: Record<string, unknown>,
  wish: AlarmWish,
  nearest: Nearest,
  ctx: RecipeContext,
  f: Findings,
): string | undefined {
  const kinds: Kind[] = [...d.refs, "sqs", "lambda", "dynamodb"];
  const hinted: Kind | undefined =
    wish === "errors" ? "lambda" : wish?.startsWith("sqs") === true ? "sqs" : undefined;
  const pick = (hinted !== undefined ? [hinted, ...kinds] : kinds).find(
    (k) =>
      (k === "sqs" || k === "lambda" || k === "dynamodb") &&
      (nearest(k, d) !== undefined || existingOf(ctx, k) !== undefined),
  );
  const target = pick === undefined ? undefined : (nearest(pick, d)?.name ?? existingOf(ctx, pick));
  if (pick === undefined || target === undefined) {
    f.questions.push(
      "What should the alarm watch (a queue, a Lambda function or a DynamoDB table), and at what threshold?",
    );
    return undefined;
  }
  const ident = identOf(target);
  const metric =
    pick === "sqs"
      ? wish === "sqs_dlq_messages" || wish === "sqs_oldest_message_age" || wish === "sqs_queue_depth"
        ? wish
        : "sqs_queue_depth"
      : pick === "lambda"
        ? wish === "throttles"
          ? "lambda_throttles"
          : "lambda_errors"
        : "dynamodb_throttles";
  if (metric === "sqs_dlq_messages" && nearest("sqs", d)?.params["dlq"] === false) {
    f.questions.push(
      `The queue \`${target}\` has no dead-letter queue to alarm on: keep the dead-letter queue, or alarm on the queue's backlog?`,
    );
    return undefined;
  }
  params["metric"] = metric;
  params["target"] = metric === "sqs_dlq_messages" ? `${ident}_dlq` : ident;
  const topic = nearest("sns", d);
  if (topic !== undefined) params["sns_topic"] = identOf(topic.name);
  return `${target.replace(/_/g, "-")}-${metric.replace(/^(?:sqs|lambda|dynamodb)_/, "").replace(/_/g, "-")}`;
}
