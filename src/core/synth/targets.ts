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
  const inbox = INBOXES[runs.type];
  if (inbox !== undefined && !env.nodes.some((n) => n.type === inbox.policy)) {
    const policy = add(inbox.policy, `only this rule may ${inbox.verb}`, runs.name);
    setOnce(policy, inbox.locator[0], raw(`${refOf(runs)}.${inbox.locator[1]}`));
    setOnce(
      policy,
      "policy",
      allowEvents(inbox.action, `${refOf(runs)}.arn`, rule),
      `only this rule may ${inbox.verb.split(" ")[0] ?? ""}`,
    );
  }
}

/** A queue or topic a rule delivers to admits that rule by a resource policy of its own. */
const INBOXES: Record<string, { policy: string; locator: [string, string]; action: string; verb: string }> = {
  aws_sqs_queue: {
    policy: "aws_sqs_queue_policy",
    locator: ["queue_url", "id"],
    action: "sqs:SendMessage",
    verb: "send to the queue",
  },
  aws_sns_topic: {
    policy: "aws_sns_topic_policy",
    locator: ["arn", "arn"],
    action: "sns:Publish",
    verb: "publish to the topic",
  },
};
