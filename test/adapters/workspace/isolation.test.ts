import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRedactor } from "../../../src/core/redact/index.js";
import { createWorkspace } from "../../../src/adapters/workspace/index.js";
import { createGitRunner } from "../../../src/adapters/workspace/runner.js";
import type { BareRepo } from "../../helpers/git.js";
import { createBareRepo, DEMO_INFRA, git } from "../../helpers/git.js";

let repo: BareRepo;
let fakeHome: string;
const realHome = process.env.HOME;

beforeEach(async () => {
  repo = await createBareRepo({
    fromDir: DEMO_INFRA,
    // A hostile repository shipping git configuration at its root, where a careless HOME would pick it up.
    files: { ".gitconfig": '[url "file:///nonexistent/"]\n\tinsteadOf = file://\n[user]\n\tname = Evil\n' },
  });
  fakeHome = await mkdtemp(join(tmpdir(), "devops-agent-home-"));
});

afterEach(async () => {
  process.env.HOME = realHome;
  await rm(fakeHome, { recursive: true, force: true });
  await repo.cleanup();
});

describe("git configuration a clone runs with", () => {
  it("ignores the host's global config and the repository's own .gitconfig", async () => {
    // Were this read, every file:// URL would be rewritten to a missing path and the clone would fail.
    await writeFile(
      join(fakeHome, ".gitconfig"),
      '[url "file:///nonexistent/"]\n\tinsteadOf = file://\n[http]\n\textraHeader = X-Leak: yes\n',
    );
    process.env.HOME = fakeHome;
    const ws = await createWorkspace({ allowFileProtocol: true }).clone({ url: repo.url });
    try {
      await ws.checkoutBranch("agent/5-x");
      await ws.writeFile("x.tf", "# x\n");
      await ws.commit("x");
      await ws.push({ branch: "agent/5-x" });
      const author = await git(["--git-dir", repo.gitDir, "log", "-1", "--format=%an", "agent/5-x"]);
      expect(author.trim()).toBe("devops-agent[bot]");
    } finally {
      await ws.dispose();
    }
  });

  it("lets git itself refuse protocols the policy did not allow", async () => {
    const dir = await mkdtemp(join(tmpdir(), "devops-agent-runner-"));
    try {
      const runner = createGitRunner({
        dir,
        home: dir,
        redactor: createRedactor(),
        protocols: "https",
        timeoutMs: 10_000,
      });
      await expect(runner.run("git ls-remote", repo.url, ["ls-remote", repo.url])).rejects.toThrow(
        /^git ls-remote file:\/\/.*: fatal: transport 'file' not allowed — use an https:\/\/ URL$/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps simple-git's unsafe-operation guards on", async () => {
    const dir = await mkdtemp(join(tmpdir(), "devops-agent-runner-"));
    try {
      const runner = createGitRunner({
        dir,
        home: dir,
        redactor: createRedactor(),
        protocols: "file",
        timeoutMs: 10_000,
      });
      const marker = join(dir, "pwned");
      await expect(
        runner.run("git clone", repo.url, ["clone", `--upload-pack=touch ${marker}`, repo.url, "x"]),
      ).rejects.toThrow(
        /^git clone file:\/\/.*: Use of --upload-pack or --receive-pack is not permitted without enabling allowUnsafePack/,
      );
      await expect(
        runner.run("git status", dir, ["status"], { config: [`core.fsmonitor=touch ${marker}`] }),
      ).rejects.toThrow(/Configuring core.fsmonitor is not permitted without enabling allowUnsafeFsMonitor/);
      await expect(readdir(dir)).resolves.toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
