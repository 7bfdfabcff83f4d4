import { CATALOGUE } from "./catalogue/index.js";
import { identOf } from "./common.js";
import { RECIPE_OF } from "./parse/mentions.js";
import type { Kind } from "./parse/mentions.js";
import type { AlarmWish } from "./parse/kinds-link.js";
import { existingOf, wireAlarm, wireLambda } from "./wire-links.js";
import type { Planned } from "./wire-links.js";
import type { Draft, Findings } from "./parse/draft.js";
import type { RecipeContext } from "./types.js";

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
      if (d.kind === "s3") params["encryption"] = "kms";
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
      name ??= `${target.replace(/_/g, "-")}-schedule`;
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
