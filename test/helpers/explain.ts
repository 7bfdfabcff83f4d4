// A pull request for `/agent explain`: main holds fixtures/explain/base, branch `feature` holds …/head.
import { mkdir, readFile, readdir, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BareRepo, createBareRepo, git, pushCommitAs } from "./git.js";
import { REPO, gh, type CommentFixture } from "./github.js";
import { examplePayload, patchPayload, type Payload } from "./payloads.js";
import { renderPlanFacts, type PlanFacts } from "../../src/core/plan/facts-record.js";

export const EXPLAIN_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/explain");
export const COMMENT_ID = 492700400;

export async function readSide(side: "base" | "head"): Promise<Record<string, string>> {
  const dir = join(EXPLAIN_FIXTURES, side);
  const out: Record<string, string> = {};
  for (const name of await readdir(dir)) out[name] = await readFile(join(dir, name), "utf8");
  return out;
}

/** The bare repository laid out like github.com, and the settings that let the app clone it. */
export async function explainRepo(head: Record<string, string>, base?: Record<string, string>) {
  const remote: BareRepo = await createBareRepo({ files: base ?? (await readSide("base")) });
  await git(["--git-dir", remote.gitDir, "branch", "feature", "main"]);
  const headSha = await pushCommitAs(remote, "feature", head, "Change infrastructure");
  const baseSha = (await git(["--git-dir", remote.gitDir, "rev-parse", "main"])).trim();
  await mkdir(join(remote.root, "hosts", "Codertocat"), { recursive: true });
  await symlink(remote.gitDir, join(remote.root, "hosts", "Codertocat", "Hello-World.git"));
  const workspaces = {
    gitBaseUrl: pathToFileURL(join(remote.root, "hosts")).toString(),
    author: { name: "devops-agent[bot]", email: "1+devops-agent[bot]@users.noreply.github.com" },
    allowFileProtocol: true,
  };
  return { remote, headSha, baseSha, workspaces };
}

export function pullRequest(headSha: string): Payload {
  const pr = examplePayload("pull_request", "opened").pull_request as Payload;
  return patchPayload(pr, {
    number: 1,
    state: "open",
    head: { ref: "feature", sha: headSha, repo: { full_name: "Codertocat/Hello-World" } },
    base: { ref: "main", repo: { full_name: "Codertocat/Hello-World" } },
  });
}

export function prFiles(files: { filename: string; status: string }[]) {
  return files.map((f) => ({
    sha: "0".repeat(40),
    filename: f.filename,
    status: f.status,
    additions: 1,
    deletions: 0,
    changes: 1,
    blob_url: `https://github.com/Codertocat/Hello-World/blob/x/${f.filename}`,
    raw_url: `https://github.com/Codertocat/Hello-World/raw/x/${f.filename}`,
    contents_url: `https://api.github.com/repos/Codertocat/Hello-World/contents/${f.filename}`,
  }));
}

/** The plan comment as the plan Action writes it: marker first, the visible plan, the hidden facts last. */
export function planFactsComment(facts: PlanFacts, patch: Partial<CommentFixture> = {}): CommentFixture {
  return {
    id: 777,
    login: "github-actions[bot]",
    body: `<!-- devops-agent:plan:${facts.root} -->\n## Terraform plan: \`${facts.root}\`\n\n**Plan: …**\n${renderPlanFacts(facts)}\n`,
    ...patch,
  };
}

export function planFacts(sha: string, patch: Partial<PlanFacts> = {}): PlanFacts {
  return {
    v: 1,
    root: ".",
    sha,
    counts: { create: 4, update: 1, delete: 1, replace: 1, move: 0, import: 0 },
    types: {
      create: { aws_eip: 1, aws_nat_gateway: 1, aws_elasticache_cluster: 1, aws_iam_policy: 1 },
      update: { aws_s3_bucket: 1 },
      delete: { aws_db_instance: 1 },
      replace: { aws_sqs_queue: 1 },
    },
    risks: [
      {
        severity: "critical",
        kind: "stateful",
        address: "aws_db_instance.orders",
        reason: "stateful database: destroying it loses its data",
      },
    ],
    moreRisks: 0,
    ...patch,
  };
}

/** Everything GitHub answers for one `/agent explain` on PR 1; `reply` receives the posted answer. */
export function explainApi(options: {
  headSha: string;
  files: { filename: string; status: string }[];
  comments?: CommentFixture[];
  reply: (body: string) => void;
}) {
  const api = gh().noConfig().permission("Codertocat", "write").reaction(COMMENT_ID);
  api.scope.get(`${REPO}/pulls/1`).reply(200, pullRequest(options.headSha));
  api.scope.get(`${REPO}/pulls/1/files`).query(true).reply(200, prFiles(options.files));
  // The task reads the thread for plan comments, then the sticky answer is looked up before it is posted.
  api.comments(1, options.comments ?? []);
  api.comments(1, options.comments ?? []);
  api.createComment(1, options.reply);
  return api;
}

export const FEATURE_FILES = [
  { filename: "data.tf", status: "modified" },
  { filename: "iam.tf", status: "added" },
  { filename: "main.tf", status: "modified" },
];
