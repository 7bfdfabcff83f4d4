import { identOf } from "./common.js";
import { TYPE_OF } from "./parse/analyse.js";
import type { Draft, Findings } from "./parse/draft.js";
import type { AlarmWish } from "./parse/kinds-link.js";
import type { Kind } from "./parse/mentions.js";
import type { RecipeContext } from "./types.js";

const CONSUME =
  /\b(?:process(?:es|ing)?|consum(?:e|es|ing)|reads?\s+(?:from\s+)?(?:the\s+)?(?:queue|messages)|poll(?:s|ing)?|handl(?:e|es|ing)|drain(?:s|ing)?|triggered\s+by|fed\s+by|listens?\s+(?:to|on)|works?\s+(?:off|on))\b/;
const WRITE =
  /\b(?:writ(?:e|es|ing)|stor(?:e|es|ing)|puts?|sav(?:e|es|ing)|upload(?:s|ing)?|insert(?:s|ing)?|updat(?:e|es|ing)|records?)\b/;
const READ =
  /\b(?:read(?:s|ing)?|fetch(?:es|ing)?|load(?:s|ing)?|gets?|look(?:s|ing)?\s+up|uses?|query|queries)\b/;
const SEND = /\b(?:send(?:s|ing)?|publish(?:es|ing)?|enqueue(?:s|ing)?|push(?:es|ing)?|notif(?:y|ies))\b/;

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

export type Nearest = (kind: Kind, d: Draft) => Planned | undefined;

export function wireLambda(
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
    if (existing !== undefined) {
      params["sqs_trigger"] = existing;
      const timeout = typeof params["timeout_seconds"] === "number" ? params["timeout_seconds"] : 30;
      wiring.push(
        `check that aws_sqs_queue.${existing} has a visibility timeout of at least ${timeout} s (${timeout * 6} s advised)`,
      );
    }
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
export function wireAlarm(
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
