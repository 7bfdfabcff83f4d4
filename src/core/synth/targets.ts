import { obj, raw, str } from "../recipes/hcl/writer.js";
import { trustPolicy } from "./companions.js";
import { refOf, setOnce, type Node } from "./node.js";
import type { TriggerEnv } from "./triggers.js";
import { policyJson } from "./policy.js";

/** What an EventBridge rule can run besides a function (the function's target is the rule's companion). */
export const TARGETS = /^aws_(?:lambda_function|sfn_state_machine|sqs_queue|sns_topic)$/;

/** `{ Effect, Principal: events, Action, Resource, Condition: only this rule }` as one policy document. */
const allowEvents = (action: string, resource: string, rule: Node) =>
  policyJson(
    obj({
      Effect: str("Allow"),
      Principal: obj({ Service: str("events.amazonaws.com") }),
      Action: str(action),
      Resource: raw(resource),
      Condition: obj({ ArnEquals: obj({ "aws:SourceArn": raw(`${refOf(rule)}.arn`) }) }),
    }),
  );

/**
 * "Start the state machine every night", "send a message to the queue every hour": the rule's target and
 * what lets EventBridge act on it — a role it assumes that may start only this state machine, or the
 * queue's or topic's policy allowing only this rule to send to it.
 */
export function eventTarget(env: TriggerEnv, rule: Node, runs: Node): void {
  // What this adds serves the rule: not parts the request's own words are read into ("SQS" → sqs_target).
  const add = (type: string, why: string, name: string): Node => {
    const node = env.add(type, why, rule.at, name);
    node.origin = "companion";
    return node;
  };
  const target = add("aws_cloudwatch_event_target", `the rule runs ${refOf(runs)}`, rule.name);
  setOnce(target, "rule", raw(`${refOf(rule)}.name`));
  setOnce(target, "arn", raw(`${refOf(runs)}.arn`));
  if (runs.type === "aws_sfn_state_machine") {
    // The rule's own role, never the state machine's: the filler shares only requested roles.
    const role = add("aws_iam_role", "EventBridge starts the state machine", `${rule.name}_events`);
    role.serves = target.type;
    setOnce(
      role,
      "assume_role_policy",
      trustPolicy("events.amazonaws.com"),
      "only EventBridge may assume it",
    );
    const policy = add("aws_iam_role_policy", "it may start this state machine only", role.name);
    setOnce(policy, "role", raw(`${refOf(role)}.id`));
    setOnce(
      policy,
      "policy",
      policyJson(
        obj({
          Effect: str("Allow"),
          Action: str("states:StartExecution"),
          Resource: raw(`${refOf(runs)}.arn`),
        }),
      ),
      "states:StartExecution on this state machine only",
    );
    setOnce(target, "role_arn", raw(`${refOf(role)}.arn`));
  }
  if (runs.type === "aws_sqs_queue" && !env.nodes.some((n) => n.type === "aws_sqs_queue_policy")) {
    const policy = add("aws_sqs_queue_policy", "only this rule may send to the queue", runs.name);
    setOnce(policy, "queue_url", raw(`${refOf(runs)}.id`));
    setOnce(
      policy,
      "policy",
      allowEvents("sqs:SendMessage", `${refOf(runs)}.arn`, rule),
      "only this rule may send",
    );
  }
  if (runs.type === "aws_sns_topic" && !env.nodes.some((n) => n.type === "aws_sns_topic_policy")) {
    const policy = add("aws_sns_topic_policy", "only this rule may publish to the topic", runs.name);
    setOnce(policy, "arn", raw(`${refOf(runs)}.arn`));
    setOnce(
      policy,
      "policy",
      allowEvents("sns:Publish", `${refOf(runs)}.arn`, rule),
      "only this rule may publish",
    );
  }
}
