import { code, compact, get } from "../extract.js";
import type { Signature } from "../types.js";

function lockField(block: string, name: string): string | undefined {
  return new RegExp(`^\\s*${name}:[ \\t]*(\\S[^\\n]*)$`, "m").exec(block)?.[1]?.trim();
}

export const stateSignatures: Signature[] = [
  {
    id: "terraform-state-lock",
    category: "state_lock",
    title: "The Terraform state is locked by another run",
    test: [/Error acquiring the state lock/],
    extract: (m) => {
      const block = m.input.slice(m.index, m.index + 1200);
      const info = /Lock Info:([\s\S]*?)(?:\n\s*\n(?!\s*Info:)|$)/.exec(block)?.[1] ?? "";
      const message = /Error message: ([^\n]+(?:\n(?!\s*\n|Lock Info:)[^\n]+)*)/.exec(block)?.[1];
      const race =
        message && /412|conditionNotMet|object doesn't exist|pre-conditions/i.test(message) && !info
          ? "yes"
          : undefined;
      return compact({
        race,
        lockId: lockField(info, "ID"),
        path: lockField(info, "Path"),
        operation: lockField(info, "Operation"),
        who: lockField(info, "Who"),
        created: lockField(info, "Created"),
        version: lockField(info, "Version"),
      });
    },
    rootCause: (s) => {
      if (s["race"])
        return "Several runs raced for the same state lock: another run created and released the lock object between this run's attempt and its read of the lock's details, so the backend reported an error with no lock ID instead of waiting. This happens when many runs (parallel jobs, `terragrunt run-all`) use one state.";
      const holder = s["who"] ? code(get(s, "who")) : "another run";
      const op = s["operation"] ? ` (${code(get(s, "operation"))})` : "";
      const runner = /^runner@/.test(get(s, "who"))
        ? " The holder is a GitHub-hosted runner: another run of a workflow on the same state, often the same pull request triggered twice."
        : "";
      return `Another Terraform operation holds the state lock${s["path"] ? ` on ${code(get(s, "path"))}` : ""}: ${holder} took it${op}${s["created"] ? ` at ${get(s, "created")}` : ""}${s["lockId"] ? `, lock ID ${code(get(s, "lockId"))}` : ""}. Either that run is still going, or it was cancelled and left the lock behind.${runner}`;
    },
    fix: (s) =>
      s["race"]
        ? "Serialise the runs that share this state (a `concurrency:` group per state in the workflow, or fewer parallel runs), and pass `-lock-timeout=5m` so a run waits for the lock instead of failing. Re-running the failed job is safe."
        : [
            "First check that no plan or apply is still running for this state (other workflow runs, a colleague's terminal).",
            "Only when you are sure the holder is gone, release the lock from the same root module and backend:",
            "",
            "```sh",
            `terraform force-unlock ${get(s, "lockId", "the-lock-id-from-the-error")}`,
            "```",
            "",
            "Warning: force-unlocking a lock that a live apply holds lets two applies write the state at once and can corrupt it. Add a `concurrency:` group per state (for pull requests: per PR, with `cancel-in-progress: false`) to the workflow so runs queue instead of colliding, and `-lock-timeout=5m` so they wait.",
          ].join("\n"),
    confidence: 0.97,
    autoFixable: false,
    evidenceAfter: 10,
  },
  {
    id: "terraform-state-checksum-mismatch",
    category: "state_lock",
    title: "The state in S3 does not match the lock table's checksum",
    test: [/state data in S3 does not have the expected content/],
    extract: (m) =>
      compact({
        digest: /following\s+value:\s+([0-9a-f]{32})/.exec(m.input.slice(m.index, m.index + 800))?.[1],
      }),
    rootCause: () =>
      "The S3 backend found a state file whose MD5 differs from the digest stored in the DynamoDB lock table: a write was interrupted, S3 is serving a stale copy, or someone changed the state outside Terraform.",
    fix: (s) =>
      `Wait a minute and re-run: a delayed S3 write often settles by itself. If it persists, inspect the state (\`terraform state pull\`), and only if it is the version you expect, set the \`Digest\` item of \`<bucket>/<key>-md5\` in the lock table to ${s["digest"] ? `${code(get(s, "digest"))}` : "the value Terraform printed"}. Consider \`use_lockfile = true\` (S3-native locking) to drop the DynamoDB table.`,
    confidence: 0.93,
    autoFixable: false,
  },
  {
    id: "terraform-state-unlock-failed",
    category: "state_lock",
    title: "Terraform could not release the state lock",
    test: [/Error releasing the state lock|Failed to unlock state: ([^\n]*)/],
    extract: (m) => {
      const block = m.input.slice(m.index, m.index + 1200);
      const lockId = lockField(block, "ID") ?? /lock\s+ID:?\s+"?([0-9a-f][\w-]{7,})"?/i.exec(block)?.[1];
      return compact({ lockId, detail: m[1] });
    },
    rootCause: (s) =>
      `The operation finished but its lock${s["lockId"] ? ` ${code(get(s, "lockId"))}` : ""} could not be released (the job lost its credentials or network at the end, or the lock was already removed). Later runs will fail to acquire it.`,
    fix: (s) =>
      `Make sure no other run uses the state, then run \`terraform force-unlock\` with ${s["lockId"] ? `the lock ID ${code(get(s, "lockId"))}` : "the lock ID from the error"}. Warning: never force-unlock a lock a running apply holds.`,
    confidence: 0.9,
    autoFixable: false,
    evidenceAfter: 6,
  },
];
