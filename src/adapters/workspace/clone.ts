import { mkdir, mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redactor } from "../../core/redact/index.js";
import { checkBranchName } from "./branch.js";
import { WorkspaceError } from "./errors.js";
import { createGitRunner } from "./runner.js";
import type { WorkspaceState } from "./state.js";
import { newState, revParse } from "./state.js";
import { allowedProtocols, checkCloneUrl, displayUrl } from "./url.js";
import type { CloneOptions, GitAuthor, Workspace, WorkspaceFactoryOptions } from "./types.js";
import { workspaceFromState } from "./workspace.js";

const MAX_DEPTH = 10_000;

/** GitHub's git-over-HTTPS auth for installation tokens; registered with the redactor in every form it travels in. */
function authHeader(token: string, redactor: Redactor): string {
  const encoded = Buffer.from(`x-access-token:${token}`).toString("base64");
  redactor.register(token);
  redactor.register(encoded);
  return `AUTHORIZATION: basic ${encoded}`;
}

export async function cloneWorkspace(
  options: CloneOptions,
  factory: WorkspaceFactoryOptions,
  redactor: Redactor,
  author: GitAuthor,
): Promise<Workspace> {
  const shown = displayUrl(options.url);
  if (options.token !== undefined && options.token.trim() === "") {
    throw new WorkspaceError(
      "git clone",
      shown,
      "the token is empty",
      "pass the installation token, or no token for a public repository",
    );
  }
  const header = options.token === undefined ? undefined : authHeader(options.token, redactor);
  const policy = {
    allowFileProtocol: factory.allowFileProtocol === true,
    allowPlainHttp: factory.allowPlainHttp === true,
    plainHttpHost: factory.plainHttpHost,
  };
  const url = checkCloneUrl(options.url, policy);
  const depth = options.depth ?? 1;
  if (!Number.isSafeInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw new WorkspaceError(
      "git clone",
      shown,
      `depth must be an integer from 1 to ${MAX_DEPTH}`,
      "use depth 1 for a shallow clone",
    );
  }
  const branch = options.branch === undefined ? undefined : checkBranchName("git clone", options.branch);
  const ownedDir = await realpath(
    await mkdtemp(join(options.tmpRoot ?? factory.tmpRoot ?? tmpdir(), "devops-agent-")),
  );
  try {
    // The clone sits beside an empty HOME: neither the host's ~/.gitconfig nor the repository's files configure git.
    const dir = join(ownedDir, "repo");
    const home = join(ownedDir, "home");
    await mkdir(dir);
    await mkdir(home);
    const git = createGitRunner({
      dir,
      home,
      redactor,
      protocols: allowedProtocols(policy),
      ...(header === undefined ? {} : { authHeader: header }),
      timeoutMs: factory.timeoutMs ?? 120_000,
    });
    const branchArgs = branch === undefined ? [] : ["--branch", branch];
    await git.run(
      "git clone",
      shown,
      [
        "clone",
        "--progress",
        `--depth=${depth}`,
        "--no-tags",
        "--single-branch",
        ...branchArgs,
        "--",
        url.toString(),
        ".",
      ],
      { network: true },
    );
    const state = newState({
      kind: "clone",
      dir,
      ownedDir,
      remote: shown,
      git,
      redactor,
      author,
    });
    if (!(await git.succeeds(["rev-parse", "--verify", "--quiet", "HEAD"]))) {
      throw new WorkspaceError(
        "git clone",
        shown,
        "the repository is empty",
        "push a first commit to its default branch, then retry",
      );
    }
    state.baseBranch = (await git.run("git rev-parse", shown, ["rev-parse", "--abbrev-ref", "HEAD"])).trim();
    state.defaultBranch = branch === undefined ? state.baseBranch : await remoteDefaultBranch(state);
    state.baseSha = await revParse(state, "HEAD");
    state.headSha = state.baseSha;
    return workspaceFromState(state);
  } catch (error) {
    // Nobody holds a Workspace yet, so nobody else can dispose of this directory.
    await rm(ownedDir, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}

async function remoteDefaultBranch(state: WorkspaceState): Promise<string> {
  const out = await state.git.run(
    "git ls-remote",
    state.remote,
    ["ls-remote", "--symref", "origin", "HEAD"],
    { network: true },
  );
  const match = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(out);
  if (match?.[1] === undefined) {
    throw new WorkspaceError(
      "git ls-remote",
      state.remote,
      "the remote does not say which branch is its default",
      "check that the repository is not empty",
    );
  }
  return match[1];
}
