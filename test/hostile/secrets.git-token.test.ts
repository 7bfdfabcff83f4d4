import { readFile, readdir } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createWorkspace } from "../../src/adapters/workspace/index.js";
import { createRedactor } from "../../src/core/redact/index.js";
import { startGitHttpServer, type GitHttpServer } from "../adapters/workspace/git-http-server.js";
import { createBareRepo, DEMO_INFRA, type BareRepo } from "../helpers/git.js";

const TOKEN = `ghs_${"Pr0c-.".repeat(16)}evil`;
const ENCODED = Buffer.from(`x-access-token:${TOKEN}`).toString("base64");

/** Every process's command line on this machine that shows the token, in any form it travels in. */
async function processesShowingToken(): Promise<string[]> {
  const seen: string[] = [];
  for (const pid of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(TOKEN) || cmdline.includes(ENCODED)) seen.push(cmdline.replace(/\0/g, " "));
  }
  return seen;
}

let repo: BareRepo;
let backend: GitHttpServer;
let front: Server;
let frontUrl = "";
const leaks: string[] = [];
let scans = 0;

// While git waits for each HTTP answer, its processes (git, git-remote-http) are alive: look at them then.
beforeAll(async () => {
  repo = await createBareRepo({ fromDir: DEMO_INFRA });
  backend = await startGitHttpServer(repo.root, `basic ${ENCODED}`);
  front = createServer((req, res) => {
    void processesShowingToken().then((found) => {
      scans += 1;
      leaks.push(...found);
      const target = new URL(backend.url("remote").replace(/\/remote\.git$/, "") + (req.url ?? "/"));
      const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}/remote.git`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => front.close(() => resolve()));
  await backend.close();
  await repo.cleanup();
});

const onLinux = process.platform === "linux";
if (!onLinux) console.log("secrets.git-token: skipped, /proc is Linux-only");

(onLinux ? describe : describe.skip)("hostile: the installation token is never in the process list", () => {
  it("clone, push and ls-remote authenticate with the token while no process's argv shows it", async () => {
    const ws = await createWorkspace({ allowPlainHttp: true, redactor: createRedactor() }).clone({
      url: frontUrl,
      token: TOKEN,
    });
    try {
      const branch = await ws.checkoutBranch(ws.branchName(7, "Audit bucket"));
      await ws.writeFile("audit.tf", "# audit\n");
      await ws.commit("Add the audit bucket");
      await ws.push({ branch });
    } finally {
      await ws.dispose();
    }
    expect(backend.authorizations.length).toBeGreaterThanOrEqual(3);
    expect(new Set(backend.authorizations)).toEqual(new Set([`basic ${ENCODED}`]));
    expect(scans).toBe(backend.authorizations.length);
    expect(leaks).toEqual([]);
  });

  it("a refused token fails with a message that names neither the token nor its header", async () => {
    const wrong = `ghs_${"wr0ng-".repeat(8)}x`;
    const attempt = createWorkspace({ allowPlainHttp: true, redactor: createRedactor() }).clone({
      url: frontUrl,
      token: wrong,
    });
    const error = await attempt.then(
      () => new Error("clone unexpectedly succeeded"),
      (e: unknown) => e as Error,
    );
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain(Buffer.from(`x-access-token:${wrong}`).toString("base64"));
    expect(leaks).toEqual([]);
  });
});
