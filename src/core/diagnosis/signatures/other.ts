import { code, compact, get } from "../extract.js";
import type { Signature, Specifics } from "../types.js";

/**
 * Terraform hard-wraps long cycle lists at a fixed width, mid-name ("aws_api_gateway_st\nage"): when the
 * broken lines are all the same length, they are joined without a space.
 */
function joinCycle(text: string): string {
  const lines = text.split("\n").map((l) => l.replace(/^[│>]\s?/, ""));
  // The first line starts after "Cycle: ", so only the middle lines show the wrap width.
  const widths = lines.slice(1, -1).map((l) => l.length);
  const fixed = widths.length > 0 && widths.every((w) => w === widths[0] && w >= 40);
  return fixed ? lines.join("") : lines.map((l) => l.trim()).join(" ");
}

const NODE_SUFFIX = /\s*\((?:expand|close|destroy(?: deposed \w+)?|prepare state|[\w -]+)\)$/;

function cycleFacts(raw: string): Record<string, string> {
  const nodes = joinCycle(raw)
    .split(/,\s*/)
    .map((n) => n.trim())
    .filter((n) => n !== "");
  const resources = [...new Set(nodes.map((n) => n.replace(NODE_SUFFIX, "")))];
  const bases = [...new Set(resources.map((r) => r.replace(/\[[^\]]*\]$/, "")))];
  const destroy = nodes.some((n) => /\((?:destroy|destroy deposed \w+)\)$/.test(n));
  const modules = [
    ...new Set(
      resources.map((r) => /^((?:module\.[\w-]+\.)+)/.exec(r)?.[1]?.replace(/\.$/, "")).filter((m) => m),
    ),
  ];
  let shape = "general";
  if (bases.length === 1 && resources.length > 1) shape = "self-index";
  else if (resources.every((r) => /aws_security_group\./.test(r))) shape = "security-groups";
  else if (destroy && modules.length === 1) shape = "module-replace";
  else if (destroy) shape = "replace";
  return compact({
    nodes: resources.slice(0, 12).join(", ") + (resources.length > 12 ? ", …" : ""),
    count: String(resources.length),
    shape,
    resource: bases[0],
    module: modules.length === 1 ? modules[0] : undefined,
  });
}

const CYCLE_FIX: Record<string, (s: Specifics) => string> = {
  "self-index": (s) =>
    `Inside ${code(get(s, "resource"))}, refer to the current instance with \`self\` (e.g. \`self.id\`, \`self.private_ip\`) in \`connection\` and \`provisioner\` blocks instead of ${code(`${get(s, "resource")}[count.index]`)}: an indexed self-reference makes each instance depend on all the others.`,
  "security-groups": () =>
    "Create the security groups without the inline `ingress`/`egress` rules that reference each other, and add those rules as separate `aws_vpc_security_group_ingress_rule` (or `aws_security_group_rule`) resources, which can depend on both groups.",
  "module-replace": (s) =>
    `The loop is inside ${code(get(s, "module"))} and appears while it replaces and destroys objects at once (a feature toggled off, create_before_destroy on a dependent): upgrade the module to a release that fixes it, or apply in two steps (first \`terraform apply -target=\` the objects being replaced, then the rest).`,
  replace: () =>
    "The loop appears only while replacing and destroying objects at once: check `create_before_destroy` on resources that depend on something being destroyed, and apply in two steps if needed (first `terraform apply -target=` the replacement, then the rest).",
  general: () =>
    "Break the loop: drop an unneeded `depends_on`, move a mutual reference into a separate resource (rules, attachments and policies usually have their own resource type), or pass a value through a variable instead of a reference.",
};

export const cycleSignatures: Signature[] = [
  {
    id: "terraform-dependency-cycle",
    category: "dependency_cycle",
    title: "Terraform found a dependency cycle",
    test: [/(?:^|Error: |[*>│] )Cycle: ([^\n]+(?:\n(?!\s*\n|Error:|##\[|╵)[^\n]+)*)/m],
    extract: (m) => cycleFacts(m[1] ?? ""),
    rootCause: (s) =>
      ({
        "self-index": `The instances of ${code(get(s, "resource"))} depend on each other (${code(get(s, "nodes"))}): a \`connection\` or \`provisioner\` block refers to the resource by its own address with \`count.index\` instead of \`self\`, so with more than one instance each waits for the others.`,
        "security-groups": `The security groups ${code(get(s, "nodes"))} reference each other in inline rules, so each needs the other's ID before it can be created.`,
        "module-replace": `Inside ${code(get(s, "module"))}, ${get(s, "count")} objects form a loop while some are destroyed and others replaced: ${code(get(s, "nodes"))}.`,
        replace: `${get(s, "count")} objects form a loop while some are destroyed and others replaced: ${code(get(s, "nodes"))}.`,
        general: `These ${get(s, "count")} objects depend on each other in a loop, so Terraform cannot order them: ${code(get(s, "nodes"))}.`,
      })[get(s, "shape", "general")] ?? "",
    fix: (s) => (CYCLE_FIX[get(s, "shape", "general")] ?? CYCLE_FIX["general"] ?? (() => ""))(s),
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "python-circular-import",
    category: "dependency_cycle",
    title: "Python modules import each other in a cycle",
    test: [
      /ImportError: cannot import name '(\w+)' from partially initialized module '([\w.]+)' \(most likely due to a circular import\)/,
    ],
    extract: (m) => compact({ name: m[1], module: m[2] }),
    rootCause: (s) =>
      `${code(get(s, "module"))} is imported again while it is still initialising, so ${code(get(s, "name"))} does not exist yet: two modules import each other at top level.`,
    fix: () =>
      "Move the shared code into a third module both can import, or import inside the function that needs it; `from __future__ import annotations` plus `if TYPE_CHECKING:` helps when the import is only for type hints.",
    confidence: 0.95,
    autoFixable: false,
  },
];

export const otherSignatures: Signature[] = [
  {
    id: "runner-disk-full",
    category: "other",
    title: "The runner ran out of disk space",
    test: [/No space left on device/],
    rootCause: () =>
      "The runner's disk filled up during the job (large Docker images, provider caches or build outputs).",
    fix: () =>
      "Free space early in the job (remove unused toolchains such as `/usr/share/dotnet` and `/opt/ghc`, `docker system prune -af`), keep caches small, or use a larger runner.",
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "job-timeout",
    category: "other",
    title: "The job hit its time limit",
    test: [/The job (?:running on runner [^\n]+ )?has exceeded the maximum execution time of (\d+) minutes/],
    extract: (m) => compact({ minutes: m[1] }),
    rootCause: (s) =>
      `The job ran longer than its ${get(s, "minutes")}-minute limit and was cancelled; whatever step was running was hanging or too slow.`,
    fix: () =>
      "Find the step that was running when the limit hit: a prompt waiting for input (add `-input=false` to Terraform), a lock wait, or a slow resource. Raise `timeout-minutes` only if the work is legitimately long.",
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "runner-lost-or-killed",
    category: "other",
    title: "The runner was shut down or the process was killed",
    test: [
      /The runner has received a shutdown signal/,
      /lost communication with the server/,
      /Process completed with exit code 137\./,
    ],
    rootCause: () =>
      "The runner stopped mid-job: it ran out of memory (exit code 137 is SIGKILL from the OOM killer), was preempted, or lost its connection to GitHub.",
    fix: () =>
      "Re-run the job. If it repeats, reduce memory use (lower parallelism, smaller test batches) or use a larger runner.",
    confidence: 0.75,
    autoFixable: false,
  },
  {
    id: "terraform-detailed-exitcode-2",
    category: "other",
    title: "terraform plan -detailed-exitcode returned 2 (changes present)",
    test: [/^##\[group\]Run [^\n]*\bplan\b[^\n]*-detailed-exitcode/m],
    extract: (_m, { input }) =>
      /##\[error\](?:Process completed with exit code|Terraform exited with code) 2\./.test(input.text)
        ? {}
        : null,
    rootCause: () =>
      "`terraform plan -detailed-exitcode` exits with 2 when the plan has changes. That is a success, but the step treats any non-zero exit code as a failure.",
    fix: () =>
      "Capture the code and fail only on 1: `terraform plan -detailed-exitcode -out=tfplan || { code=$?; [ $code -eq 2 ] || exit $code; }`, and expose `has-changes` as a step output if later steps need it.",
    confidence: 0.9,
    autoFixable: false,
  },
];
