// Runs the committed action/dist/index.js as a runner does: a real node process, inputs as INPUT_* variables,
// the runner's files, the OIDC endpoint and STS on loopback, and a stateful GitHub stand-in on loopback
// (every request checked against GitHub's OpenAPI description). terraform is whatever PATH holds.
import { spawn } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeGitHub, type FakeRequest } from "../helpers/fake-github.js";
import { ID_TOKEN } from "./harness.js";
import { assumeRoleXml, callerIdentityXml } from "./sts-xml.js";

const DIST = fileURLToPath(new URL("../../action/dist/index.js", import.meta.url));
export const REPO = "/repos/acme/infra";

export interface Comment {
  id: number;
  body: string;
  login: string;
}

/** What the GitHub stand-in knows: the PR's head, its comments, the runs. Tests change it between runs. */
export interface World {
  prState: string;
  headSha: string;
  comments: Comment[];
  runs: Record<number, Record<string, unknown>>;
  inProgress: Record<string, unknown>[];
}

export async function startPeers(world: World) {
  let nextId = 900;
  const github = await startFakeGitHub((req: FakeRequest) => {
    const path = req.path.split("?")[0] ?? "";
    const json = (body: unknown, status = 200) => ({ status, body });
    if (path === "/graphql") return json({ data: { viewer: { login: "github-actions[bot]" } } });
    if (req.method === "GET" && path === `${REPO}/pulls/7`)
      return json({ number: 7, state: world.prState, head: { sha: world.headSha } });
    if (req.method === "GET" && path === `${REPO}/issues/7/comments`) return json(world.comments.map(toApi));
    if (req.method === "POST" && path === `${REPO}/issues/7/comments`) {
      const c = {
        id: (nextId += 1),
        body: (req.body as { body: string }).body,
        login: "github-actions[bot]",
      };
      world.comments.push(c);
      return json(toApi(c), 201);
    }
    const patch = new RegExp(`^${REPO}/issues/comments/(\\d+)$`).exec(path);
    if (req.method === "PATCH" && patch) {
      const c = world.comments.find((x) => x.id === Number(patch[1]));
      if (!c) return json({ message: "Not Found" }, 404);
      c.body = (req.body as { body: string }).body;
      return json(toApi(c));
    }
    const run = new RegExp(`^${REPO}/actions/runs/(\\d+)$`).exec(path);
    if (req.method === "GET" && run) {
      const found = world.runs[Number(run[1])];
      return found ? json(found) : json({ message: "Not Found" }, 404);
    }
    if (req.method === "GET" && /\/actions\/workflows\/\d+\/runs$/.test(path))
      return json({ total_count: world.inProgress.length, workflow_runs: world.inProgress });
    return json({ message: `stand-in has no ${req.method} ${path}` }, 404);
  });
  const aws = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url?.startsWith("/idtoken")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ value: ID_TOKEN }));
        return;
      }
      const action = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("Action");
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(action === "GetCallerIdentity" ? callerIdentityXml("123456789012") : assumeRoleXml());
    });
  });
  await new Promise<void>((resolve) => aws.listen(0, "127.0.0.1", resolve));
  const awsUrl = `http://127.0.0.1:${(aws.address() as AddressInfo).port}`;
  return {
    github,
    awsUrl,
    close: async () => {
      await github.close();
      await new Promise<void>((resolve) => aws.close(() => resolve()));
    },
  };
}

function toApi(c: Comment) {
  return {
    id: c.id,
    html_url: `https://github.com/acme/infra/pull/7#issuecomment-${c.id}`,
    body: c.body,
    user: { login: c.login, type: c.login.endsWith("[bot]") ? "Bot" : "User" },
  };
}

export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: string;
  summary: string;
}

/** A runner's directory: workspace, RUNNER_TEMP, the runner files. */
export class RunnerDir {
  readonly dir = mkdtempSync(join(tmpdir(), "action-proc-"));
  readonly workspace = join(this.dir, "ws");
  readonly temp = join(this.dir, "tmp");

  private path = process.env.PATH ?? "";

  constructor() {
    mkdirSync(this.workspace);
    mkdirSync(this.temp);
  }

  /** Puts the replaying fake `terraform` first on PATH; its calls land in `tf/calls.log`. */
  fakeTerraform(): this {
    const bin = join(this.dir, "bin");
    mkdirSync(bin);
    mkdirSync(join(this.dir, "tf"));
    copyFileSync(
      fileURLToPath(new URL("../fixtures/action/fake-terraform.sh", import.meta.url)),
      join(bin, "terraform"),
    );
    chmodSync(join(bin, "terraform"), 0o755);
    this.path = `${bin}:${this.path}`;
    return this;
  }

  terraformCalls(): string[] {
    const log = join(this.dir, "tf", "calls.log");
    return existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
  }

  async run(
    inputs: Record<string, string>,
    event: { name: string; payload: unknown; ref?: string; runId?: string },
    peers: { githubUrl: string; awsUrl: string },
    extraEnv: NodeJS.ProcessEnv = {},
  ): Promise<ProcessRun> {
    for (const file of ["output", "env", "state", "summary"]) writeFileSync(join(this.dir, file), "");
    writeFileSync(join(this.dir, "event.json"), JSON.stringify(event.payload));
    const env: NodeJS.ProcessEnv = {
      PATH: this.path,
      FAKE_TF_DIR: join(this.dir, "tf"),
      HOME: this.dir,
      TF_CLI_CONFIG_FILE: "/dev/null",
      GITHUB_WORKSPACE: this.workspace,
      RUNNER_TEMP: this.temp,
      GITHUB_OUTPUT: join(this.dir, "output"),
      GITHUB_ENV: join(this.dir, "env"),
      GITHUB_STATE: join(this.dir, "state"),
      GITHUB_STEP_SUMMARY: join(this.dir, "summary"),
      GITHUB_EVENT_PATH: join(this.dir, "event.json"),
      GITHUB_EVENT_NAME: event.name,
      GITHUB_REF: event.ref ?? "refs/heads/main",
      GITHUB_REPOSITORY: "acme/infra",
      GITHUB_RUN_ID: event.runId ?? "42",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_API_URL: peers.githubUrl,
      GITHUB_GRAPHQL_URL: `${peers.githubUrl}/graphql`,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${peers.awsUrl}/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "runner-request-token-abcdef",
      AWS_ENDPOINT_URL_STS: peers.awsUrl,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...extraEnv,
    };
    const child = spawn(process.execPath, [DIST], {
      cwd: this.workspace,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
    const read = (name: string) => readFileSync(join(this.dir, name), "utf8");
    return { code, stdout, stderr, outputs: read("output"), summary: read("summary") };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
