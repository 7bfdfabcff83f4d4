import { stringList } from "../values.js";
import type { Subject } from "../values.js";
import { type Statement, statementsInDocument, statementsInText } from "./statements.js";
import type { Hit, TableRule } from "./types.js";

/** AWS managed policies that are an admin grant in all but name. */
const ADMIN_POLICIES: Readonly<Record<string, "error" | "warning">> = {
  AdministratorAccess: "error",
  IAMFullAccess: "error",
  PowerUserAccess: "warning",
};

/** Attributes that hold a policy document, by resource type. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_policy: ["policy"],
  aws_iam_role_policy: ["policy"],
  aws_iam_user_policy: ["policy"],
  aws_iam_group_policy: ["policy"],
  aws_iam_role: ["assume_role_policy"],
  aws_s3_bucket_policy: ["policy"],
  aws_sqs_queue_policy: ["policy"],
  aws_sns_topic_policy: ["arn", "policy"],
  aws_sqs_queue: ["policy"],
  aws_sns_topic: ["policy"],
  aws_kms_key: ["policy"],
  aws_ecr_repository_policy: ["policy"],
  aws_secretsmanager_secret_policy: ["policy"],
};

function statementsOf(s: Subject): { statements: Statement[]; path: string[] }[] {
  if (s.type === "aws_iam_policy_document")
    return [{ statements: statementsInDocument(s.body), path: ["statement"] }];
  const out = (POLICY_ATTRIBUTES[s.type] ?? []).map((name) => ({
    statements: statementsInText(s.body[name]),
    path: [name],
  }));
  if (s.type === "aws_iam_role") {
    const inline = Array.isArray(s.body.inline_policy) ? s.body.inline_policy : [];
    for (const item of inline) {
      const policy = (item as Record<string, unknown> | null)?.policy;
      out.push({ statements: statementsInText(policy), path: ["inline_policy"] });
    }
  }
  return out;
}

const allows = (st: Statement) => st.effect === "Allow";
const everyAction = (st: Statement) => st.actions.some((a) => a === "*" || a === "*:*");

export const iamAdmin: TableRule = {
  id: "security/iam-admin",
  source: "security",
  level: "error",
  title: "IAM grant equivalent to administrator",
  help: "Allowing every action (or attaching AdministratorAccess/IAMFullAccess) lets the holder do anything, including granting itself more. Grant the actions and resources the workload needs.",
  check(s) {
    const hits: Hit[] = [];
    const arns = [
      ...stringList(s.body.policy_arn),
      ...(s.type === "aws_iam_role" ? stringList(s.body.managed_policy_arns) : []),
    ];
    for (const arn of arns) {
      const name = /:policy\/([\w+=,.@-]+)$/.exec(arn)?.[1];
      const level = name === undefined ? undefined : ADMIN_POLICIES[name];
      if (level && arn.startsWith("arn:aws"))
        hits.push({
          message: `${s.address} attaches the AWS managed policy ${name}`,
          path: [s.body.policy_arn === undefined ? "managed_policy_arns" : "policy_arn"],
          level,
        });
    }
    for (const { statements, path } of statementsOf(s)) {
      for (const st of statements.filter(allows)) {
        if (everyAction(st))
          hits.push({
            message: `${s.address} allows every action ("*")${st.resources.includes("*") ? " on every resource" : ""}`,
            path,
          });
        else if (st.actions.some((a) => a.toLowerCase() === "iam:*"))
          hits.push({ message: `${s.address} allows iam:* (it can grant itself anything)`, path });
      }
    }
    return hits;
  },
};

export const iamWildcard: TableRule = {
  id: "security/iam-wildcard",
  source: "security",
  level: "warning",
  title: "IAM wildcard grant",
  help: "A service-wide action wildcard on every resource, or an Allow with NotAction, grants far more than a workload usually needs. List the actions and scope Resource to ARNs.",
  check(s) {
    const hits: Hit[] = [];
    for (const { statements, path } of statementsOf(s)) {
      for (const st of statements.filter(allows)) {
        if (st.notAction)
          hits.push({ message: `${s.address} allows everything except a NotAction list`, path });
        const services = st.actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a) && a.toLowerCase() !== "iam:*");
        if (services.length > 0 && st.resources.includes("*") && !everyAction(st))
          hits.push({ message: `${s.address} allows ${services.join(", ")} on every resource`, path });
      }
    }
    return hits;
  },
};

export const publicPrincipal: TableRule = {
  id: "security/policy-open-to-anyone",
  source: "security",
  level: "error",
  title: "Resource policy open to any principal",
  help: 'A statement with Principal "*" and no Condition lets any AWS account (or anonymous caller) use the resource. Name the accounts or roles, or add a condition such as aws:SourceArn or aws:PrincipalOrgID.',
  check(s) {
    const hits: Hit[] = [];
    if (
      s.type === "aws_lambda_permission" &&
      s.body.principal === "*" &&
      s.body.source_arn === undefined &&
      s.body.source_account === undefined
    )
      hits.push({ message: `${s.address} lets any principal invoke the function`, path: ["principal"] });
    for (const { statements, path } of statementsOf(s)) {
      if (statements.some((st) => allows(st) && st.anyone && !st.conditioned))
        hits.push({
          message: `${s.address} has an Allow statement for any principal ("*") without a condition`,
          path,
        });
    }
    return hits;
  },
};

export const IAM_RULES: readonly TableRule[] = [iamAdmin, iamWildcard, publicPrincipal];
