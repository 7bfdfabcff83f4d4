import { compact, get, unwrap } from "../extract.js";
import type { Signature } from "../types.js";

export const cycleSignatures: Signature[] = [
  {
    id: "terraform-dependency-cycle",
    category: "dependency_cycle",
    title: "Terraform found a dependency cycle",
    test: [/Error: Cycle: ([^\n]+(?:\n(?!\n|Error:|##\[)[^\n]+)*)/],
    extract: (m) => {
      const nodes = unwrap(m[1] ?? "")
        .split(/,\s*/)
        .map((n) => n.trim())
        .filter((n) => n !== "");
      const resources = [...new Set(nodes.map((n) => n.replace(/\s*\((?:expand|close|destroy)\)$/, "")))];
      return { nodes: resources.slice(0, 20).join(", "), count: String(resources.length) };
    },
    rootCause: (s) =>
      `These ${get(s, "count")} objects depend on each other in a loop, so Terraform cannot order them: ${get(s, "nodes")}.`,
    fix: () =>
      "Break the loop: move the mutual reference into a separate resource (e.g. `aws_security_group_rule` / `aws_vpc_security_group_ingress_rule` instead of inline rules that reference each other), drop an unneeded `depends_on`, or pass a value through a variable instead of a reference.",
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
      `\`${get(s, "module")}\` is imported again while it is still initialising, so \`${get(s, "name")}\` does not exist yet: two modules import each other at top level.`,
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
