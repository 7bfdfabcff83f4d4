import { call, list, obj, raw, str, strs, type Value } from "../recipes/hcl/writer.js";
import type { AwsProviderSchema } from "../terraform/schema/index.js";
import { patternArguments } from "./attributes.js";
import { refOf, setOnce, type Node } from "./node.js";
import { eventTarget } from "./targets.js";
import type { Token } from "./words.js";

/** The AWS event a request reacts to ("whenever an EC2 image is created"), at token positions from..to. */
export interface EventTrigger {
  from: number;
  to: number;
  phrase: string;
  /** The EventBridge pattern when it can be read soundly from the words, else null (a variable then). */
  pattern: Value | null;
  /** "When a file lands in the bucket": an S3 notification of the bucket, not an EventBridge rule. */
  s3: boolean;
  /** The words name the event's source, not a resource to create (the EC2 image is not built here). */
  consumes: boolean;
}

const WHEN = new Set(["whenever", "when"]);
const EVERY = new Set(["every", "each"]);
const HAPPENS =
  /^(?:created|registered|launched|started|stopped|terminated|deleted|uploaded|added|put|lands?|landed|arrives?|arrived|changes?)$/;
const STATE: Record<string, string> = {
  launched: "running",
  started: "running",
  stopped: "stopped",
  terminated: "terminated",
};

const cloudTrail = (service: string, eventName: string): Value =>
  call(
    "jsonencode",
    obj({
      source: strs([`aws.${service}`]),
      "detail-type": strs(["AWS API Call via CloudTrail"]),
      detail: obj({ eventSource: strs([`${service}.amazonaws.com`]), eventName: strs([eventName]) }),
    }),
  );

/**
 * "whenever an EC2 image is created", "each time an instance is stopped", "when a file lands in the bucket":
 * the event and what it is about. Patterns are written only for events whose source and detail type are
 * certain from the words (an AMI's CreateImage call, an instance's state change); any other event gets a
 * described variable for its pattern, never a guessed one.
 */
export function eventTrigger(tokens: readonly Token[]): EventTrigger | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]?.word ?? "";
    const starts =
      WHEN.has(word) ||
      (EVERY.has(word) && tokens[i + 1]?.word === "time") ||
      (word === "as" && tokens[i + 1]?.word === "soon");
    if (!starts) continue;
    const end = tokens.slice(i + 1, i + 9).findIndex((t) => HAPPENS.test(t.word));
    if (end < 0) continue;
    const to = i + 1 + end + 1;
    const subject = new Set(tokens.slice(i + 1, to - 1).map((t) => t.word));
    const verb = tokens[to - 1]?.word ?? "";
    const phrase = tokens
      .slice(i, to)
      .map((t) => t.raw)
      .join(" ");
    const base = { from: i, to, phrase };
    if ((subject.has("image") || subject.has("ami")) && /^(?:created|registered)$/.test(verb))
      return {
        ...base,
        pattern: cloudTrail("ec2", verb === "created" ? "CreateImage" : "RegisterImage"),
        s3: false,
        consumes: true,
      };
    const state = STATE[verb];
    if (subject.has("instance") && state !== undefined)
      return {
        ...base,
        pattern: call(
          "jsonencode",
          obj({
            source: strs(["aws.ec2"]),
            "detail-type": strs(["EC2 Instance State-change Notification"]),
            detail: obj({ state: strs([state]) }),
          }),
        ),
        s3: false,
        consumes: true,
      };
    if (["object", "file", "upload"].some((w) => subject.has(w)))
      return { ...base, pattern: null, s3: true, consumes: false };
    // Any other event is about something that exists elsewhere: its words are the event, a variable its pattern.
    return { ...base, pattern: null, s3: false, consumes: true };
  }
  return undefined;
}

/** What the trigger step may do to the plan (see understand.ts). */
export interface TriggerEnv {
  nodes: Node[];
  schema: AwsProviderSchema;
  add(type: string, why: string, at: number, name?: string): Node;
  find(type: string): string | undefined;
  variable(name: string, type: string, description: string): string;
  understood(phrase: string, meaning: string): void;
}

const RUN =
  /^(?:invoke[sd]?|invoking|run|runs|running|trigger(?:s|ed|ing)?|execute[sd]?|executing|fire[sd]?|start(?:s|ed)?|send(?:s|ing)?)$/;
const SCHEDULED = /^(?:scheduled?|periodically|cron)$/;
/** Types that take a schedule themselves (a backup plan's rule): "daily" is theirs, not a trigger's. */
const hasSchedule = (schema: AwsProviderSchema, type: string): boolean => {
  const ts = schema.resource(type);
  if (ts === undefined) return false;
  const names = [
    ...ts.attributes.keys(),
    ...[...ts.blocks.values()].flatMap((b) => [...b.attributes.keys()]),
  ];
  return names.some((n) => /schedule/.test(n));
};

/**
 * "Invoke the function every 15 minutes", "run it daily at 7 UTC", "trigger the Lambda whenever an EC2 image
 * is created": an EventBridge rule with the schedule or the event pattern (its target and the permission to
 * invoke the function are the rule's companions); "whenever a file lands in the bucket": the bucket's
 * notification to the function and S3's permission to invoke it.
 */
export function addTriggers(
  env: TriggerEnv,
  request: string,
  tokens: readonly Token[],
  event?: EventTrigger,
): void {
  // "A service that runs code every day at 7 UTC": code that runs on a schedule or an event is a function.
  const code = /\bruns?\s+(?:a\s+|some\s+|the\s+|my\s+|our\s+)?(?:code|script)\b/i.exec(request);
  const scheduled =
    patternArguments(request, (path) => path === "schedule_expression", "aws_cloudwatch_event_rule").length >
    0;
  // A function first (its target is the rule's companion), else a state machine, a queue or a topic.
  const asked = (type: string): Node | undefined =>
    env.nodes.find((n) => n.type === type && n.origin === "requested");
  const fn =
    asked("aws_lambda_function") ??
    asked("aws_sfn_state_machine") ??
    asked("aws_sqs_queue") ??
    asked("aws_sns_topic") ??
    (code !== null && (scheduled || event !== undefined)
      ? env.add("aws_lambda_function", `asked for: "${code[0]}"`, -1)
      : undefined);
  if (fn === undefined) return;
  const planned = env.nodes.find((n) => n.type === "aws_cloudwatch_event_rule");
  // A rule the request names runs a function through its companions; anything else gets its target here.
  if (planned !== undefined) {
    if (fn.type !== "aws_lambda_function" && !env.nodes.some((n) => n.type === "aws_cloudwatch_event_target"))
      eventTarget(env, planned, fn);
    return;
  }
  if (env.nodes.some((n) => n.type === "aws_scheduler_schedule")) return;
  const rule = rules(env, request, tokens, fn, event);
  if (rule !== undefined && fn.type !== "aws_lambda_function") eventTarget(env, rule, fn);
}

function rules(
  env: TriggerEnv,
  request: string,
  tokens: readonly Token[],
  fn: Node,
  event: EventTrigger | undefined,
): Node | undefined {
  if (event?.s3 === true) {
    if (fn.type === "aws_lambda_function") bucketNotification(env, fn, event);
    return undefined;
  }
  if (event !== undefined) {
    const rule = env.add("aws_cloudwatch_event_rule", `asked for: "${event.phrase}"`, fn.at, fn.name);
    const pattern =
      event.pattern ??
      raw(
        env.variable(
          `${rule.name === "main" ? "event_rule" : rule.name}_event_pattern`,
          "string",
          `EventBridge event pattern (JSON) for "${event.phrase}": the request did not say which events match it.`,
        ),
      );
    setOnce(rule, "event_pattern", pattern, `fires on "${event.phrase}"`);
    env.understood(event.phrase, `${refOf(rule)}: event_pattern`);
    return rule;
  }
  const words = tokens.map((t) => t.word);
  if (!words.some((w) => RUN.test(w) || SCHEDULED.test(w))) return undefined;
  if (env.nodes.some((n) => n !== fn && n.origin === "requested" && hasSchedule(env.schema, n.type)))
    return undefined;
  // "every day at 2 am" over "every day": the longest phrase read says the most.
  const [hit] = patternArguments(
    request,
    (path) => path === "schedule_expression",
    "aws_cloudwatch_event_rule",
  ).sort((a, b) => b.phrase.length - a.phrase.length);
  if (hit === undefined && !words.some((w) => SCHEDULED.test(w))) return undefined;
  const rule = env.add(
    "aws_cloudwatch_event_rule",
    `asked for: "${hit?.phrase ?? "on a schedule"}"`,
    fn.at,
    fn.name,
  );
  const value =
    hit?.value ??
    raw(
      env.variable(
        `${rule.name === "main" ? "event_rule" : rule.name}_schedule_expression`,
        "string",
        `When ${refOf(fn)} runs, as rate(...) or cron(...): the request did not say how often.`,
      ),
    );
  setOnce(rule, "schedule_expression", value, hit === undefined ? undefined : `runs ${hit.phrase}`);
  if (hit !== undefined) env.understood(hit.phrase, `${refOf(rule)}: schedule_expression`);
  return rule;
}

function bucketNotification(env: TriggerEnv, fn: Node, event: EventTrigger): void {
  const bucket = env.find("aws_s3_bucket");
  if (bucket === undefined) return;
  const ref = refOf(fn);
  const permission = env.add("aws_lambda_permission", "S3 may invoke the function", fn.at, fn.name);
  setOnce(permission, "function_name", raw(`${ref}.function_name`));
  setOnce(permission, "action", str("lambda:InvokeFunction"));
  setOnce(permission, "principal", str("s3.amazonaws.com"));
  setOnce(permission, "source_arn", raw(`${bucket}.arn`), "only this bucket may invoke it");
  const notification = env.add("aws_s3_bucket_notification", `asked for: "${event.phrase}"`, fn.at, fn.name);
  setOnce(notification, "bucket", raw(`${bucket}.id`));
  setOnce(notification, "lambda_function.lambda_function_arn", raw(`${ref}.arn`));
  setOnce(
    notification,
    "lambda_function.events",
    strs(["s3:ObjectCreated:*"]),
    "new objects invoke the function",
  );
  setOnce(notification, "depends_on", list(raw(refOf(permission))));
  env.understood(event.phrase, `${refOf(notification)}: s3:ObjectCreated:*`);
}
