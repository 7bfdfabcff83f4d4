import type { Draft, Findings } from "./draft.js";
import { takeSchedule } from "./schedule.js";

const REPO =
  /\b(?:(?:github\s+)?(?:repo(?:sitory)?\s+)?)([A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100})\b/;

export function extractOidc(d: Draft, f: Findings): void {
  const { clause: c, from, to } = d;
  const repo = c.take(REPO, from, to, true);
  const slug = repo?.[1]?.replace(/\.git$/, "");
  if (slug === undefined || !/[A-Za-z]/.test(slug.split("/")[0] ?? "")) {
    f.questions.push("Which GitHub repository (owner/repo) should be allowed to assume the role?");
    d.dropped = true;
    return;
  }
  d.params["repository"] = slug;
  const subjects: Record<string, string>[] = [];
  for (const m of c.takeAll(
    /\b(?:(?:on\s+|from\s+)?(?:the\s+)?([a-z0-9._/-]{1,60})\s+branch|branch(?:es)?\s+["']?([a-z0-9._/-]{1,60}))\b/i,
    from,
    to,
    true,
  )) {
    subjects.push({ kind: "branch", value: (m[1] ?? m[2] ?? "main").trim() });
  }
  for (const m of c.takeAll(
    /\b(?:environment|env)\s+["']?([A-Za-z0-9._-]{1,60})|\b([A-Za-z0-9._-]{1,60})\s+environment\b/i,
    from,
    to,
    true,
  )) {
    subjects.push({ kind: "environment", value: m[1] ?? m[2] ?? "" });
  }
  if (c.take(/\bpull[\s-]+requests?\b|\bprs?\b/, from, to) !== undefined)
    subjects.push({ kind: "pull_request" });
  if (subjects.some((s) => (s["value"] ?? "").includes("*"))) {
    f.questions.push(
      "Wildcard branches are not allowed in the trust policy: which exact branches or environments?",
    );
  }
  const exact = subjects.filter((s) => !(s["value"] ?? "").includes("*"));
  if (exact.length > 0) d.params["subjects"] = exact;
  if (c.take(/\bread[\s-]?only\b|\bterraform\s+plan\b|\bplan\s+only\b/, from, to) !== undefined)
    d.params["policy_arns"] = ["arn:aws:iam::aws:policy/ReadOnlyAccess"];
  if (c.take(/\badmin(?:istrator)?(?:\s+access)?\b|\bfull\s+access\b/, from, to) !== undefined) {
    f.questions.push(
      "AdministratorAccess is too broad for a CI role: which services and actions does the workflow need? The role was created without permissions.",
    );
  }
  c.take(/\b(?:github(?:\s+actions)?|actions|workflows?|deploy(?:s|ments?)?|ci|for|assume)\b/, from, to);
}

const THRESHOLD =
  /\b(?:more\s+than|over|above|exceeds?|greater\s+than|>)\s*(\d{1,9})|\b(?:at\s+least|>=)\s*(\d{1,9})|\b(?:any)\b/;

export type AlarmWish =
  "sqs_queue_depth" | "sqs_oldest_message_age" | "sqs_dlq_messages" | "errors" | "throttles" | undefined;

/** What the alarm should watch, from its words; the planner pairs it with a target block. */
export function extractAlarm(d: Draft, _f: Findings): AlarmWish {
  const { clause: c, from, to } = d;
  const threshold = c.take(THRESHOLD, from, to);
  if (threshold?.[1] !== undefined) {
    d.params["threshold"] = Number(threshold[1]);
    d.params["comparison"] = "GreaterThanThreshold";
  } else if (threshold?.[2] !== undefined) d.params["threshold"] = Number(threshold[2]);
  else if (threshold !== undefined) d.params["threshold"] = 1;
  const period = c.take(/\b(?:for|over)\s+(\d{1,3})\s*(minutes?|mins?)\b/, from, to);
  if (period !== undefined) d.params["evaluation_periods"] = Math.max(1, Math.ceil(Number(period[1]) / 5));
  c.take(
    /\b(?:goes?\s+off|fires?|triggers?|notif(?:y|ies)|when|if|has|have|gets?|there\s+(?:is|are))\b/g,
    from,
    to,
  );
  const dlq = c.has(/\b(?:dead[\s-]*letter|dlq)/, from, to);
  const age = c.take(/\b(?:oldest\s+message|message\s+age|stuck|stale)\b/, from, to) !== undefined;
  const depth =
    c.take(
      /\b(?:backlog|backs?\s+up|queue\s+depth|depth|messages?(?:\s+(?:waiting|visible|pile\s+up))?)\b/,
      from,
      to,
    ) !== undefined;
  const errors = c.take(/\b(?:errors?|fail(?:s|ures?|ing)?|crash(?:es)?)\b/, from, to) !== undefined;
  const throttles = c.take(/\bthrottl\w*/, from, to) !== undefined;
  if (dlq) return "sqs_dlq_messages";
  if (age) return "sqs_oldest_message_age";
  if (depth) return "sqs_queue_depth";
  if (errors) return "errors";
  if (throttles) return "throttles";
  return undefined;
}

export function extractScheduleBlock(d: Draft, f: Findings): void {
  const schedule = takeSchedule(d.clause, d.from, d.to);
  if (schedule !== undefined && "expression" in schedule) d.schedule = schedule.expression;
  else
    f.questions.push('How often should the schedule run (for example "every 15 minutes" or "daily at 2am")?');
  d.clause.take(/\b(?:invok(?:e|es|ing)|trigger(?:s|ing)?|call(?:s|ing)?|start(?:s|ing)?)\b/, d.from, d.to);
}
