// An alarm watches something: "an alarm when the orders queue has more than 100 messages" is the queue's
// ApproximateNumberOfMessagesVisible above 100, with the queue as its dimension. The metrics are the alarm
// recipe's presets, so both paths alarm on the same things the same way.
import { num, obj, raw, str } from "../recipes/hcl/writer.js";
import { PRESETS, type Preset } from "../recipes/catalogue/alarm.js";
import type { CompanionEnv } from "./companions.js";
import { refOf, setOnce, type Node } from "./node.js";

/** Which preset the request's words pick for a watched type (the first is the type's usual alarm). */
const CHOICES: Record<string, [RegExp, string][]> = {
  aws_sqs_queue: [
    [/\b(?:dead[\s-]*letter|dlq)\b/i, "sqs_dlq_messages"],
    [/\b(?:age|oldest|older than|waiting longer)\b/i, "sqs_oldest_message_age"],
    [/./, "sqs_queue_depth"],
  ],
  aws_lambda_function: [
    [/\bthrottl/i, "lambda_throttles"],
    [/./, "lambda_errors"],
  ],
  aws_dynamodb_table: [[/./, "dynamodb_throttles"]],
};

const ABOVE = /\b(?:more than|over|above|exceeds?|greater than|>)\s*(\d{1,9})\b/i;
const AT_LEAST = /\b(?:at least|reaches|>=)\s*(\d{1,9})\b/i;

/** Sets what the alarm measures when the plan has the thing it watches and the alarm says nothing of it. */
export function watchMetric(env: CompanionEnv, alarm: Node): void {
  if (alarm.set.has("metric_name") || alarm.set.has("metric_query.id")) return;
  const watched = env.nodes
    .filter((n) => n !== alarm && n.origin === "requested" && CHOICES[n.type] !== undefined)
    .sort((a, b) => Math.abs(a.at - alarm.at) - Math.abs(b.at - alarm.at))[0];
  if (watched === undefined) return;
  const key = (CHOICES[watched.type] ?? []).find(([words]) => words.test(env.request))?.[1];
  const preset: Preset | undefined = key === undefined ? undefined : PRESETS[key];
  if (preset === undefined) return;
  const above = ABOVE.exec(env.request)?.[1];
  const atLeast = AT_LEAST.exec(env.request)?.[1];
  const [dimension, , attribute] = preset.dimension;
  setOnce(alarm, "namespace", str(preset.namespace));
  setOnce(alarm, "metric_name", str(preset.metric), `watches ${preset.what} of ${refOf(watched)}`);
  setOnce(alarm, "statistic", str(preset.statistic));
  setOnce(alarm, "dimensions", obj({ [dimension]: raw(`${refOf(watched)}.${attribute}`) }));
  setOnce(alarm, "period", num(300));
  setOnce(alarm, "evaluation_periods", num(1));
  setOnce(
    alarm,
    "comparison_operator",
    str(above !== undefined ? "GreaterThanThreshold" : "GreaterThanOrEqualToThreshold"),
  );
  setOnce(alarm, "threshold", num(Number(above ?? atLeast ?? preset.threshold)));
  setOnce(alarm, "treat_missing_data", str("notBreaching"));
}
