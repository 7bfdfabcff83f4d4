// The part of the GitHub world that a real bare git repository answers: file contents, a PR's commits,
// compare, and the merge button.
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { git, type BareRepo } from "./git.js";
import { WORLD_BOT, type Reply, type WorldPull } from "./world-types.js";

export function worldGit(remote: BareRepo, pulls: ReadonlyMap<number, WorldPull>) {
  const gitDir = ["--git-dir", remote.gitDir];
  const show = (ref: string, path: string) => git([...gitDir, "show", `${ref}:${path}`]).catch(() => null);
  const sha = async (ref: string) => (await git([...gitDir, "rev-parse", ref])).trim();

  /** GET routes read from git; `null` when the path is not one of them. */
  const get = async (path: string, query: URLSearchParams, accept: string): Promise<Reply | null> => {
    let m: RegExpExecArray | null;
    if ((m = /^\/contents\/(.+)$/.exec(path))) {
      const text = await show(query.get("ref") ?? remote.branch, decodeURIComponent(m[1] ?? ""));
      if (text === null) return [404, { message: "Not Found" }];
      if (accept.includes("raw"))
        return [200, text, { "content-type": "application/vnd.github.raw; charset=utf-8" }];
      return [200, { type: "file", encoding: "base64", content: Buffer.from(text).toString("base64") }];
    }
    if ((m = /^\/pulls\/(\d+)\/commits$/.exec(path))) {
      const pull = pulls.get(Number(m[1]));
      if (!pull) return [404, { message: "Not Found" }];
      const range = `${pull.baseSha}..${pull.head}`;
      const out = await git([...gitDir, "log", "--reverse", "--format=%H%x09%an", range]);
      const commits = out
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [commit = "", author = ""] = line.split("\t");
          const bot = author === WORLD_BOT;
          return {
            sha: commit,
            author: { login: bot ? WORLD_BOT : "ada", type: bot ? "Bot" : "User" },
            commit: { author: { name: author } },
          };
        });
      return [200, commits];
    }
    if ((m = /^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(path))) {
      const out = await git([...gitDir, "diff", "--name-status", "-M", m[1] ?? "", m[2] ?? ""]);
      const files = out
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [status = "", first = "", second] = line.split("\t");
          const kind = { A: "added", M: "modified", D: "removed" }[status[0] ?? ""] ?? "renamed";
          return kind === "renamed"
            ? { filename: second, status: kind, previous_filename: first }
            : { filename: first, status: kind };
        });
      return [200, { files }];
    }
    return null;
  };

  /**
   * Merges the PR into its base branch with a merge commit, as the merge button does; returns what the
   * `pull_request.closed` payload carries.
   */
  const merge = async (pull: WorldPull): Promise<{ baseSha: string; headSha: string }> => {
    const baseSha = pull.baseSha;
    const headSha = await sha(pull.head);
    const work = await mkdtemp(join(remote.root, "merge-"));
    try {
      await git(["clone", "--quiet", "--branch", pull.base, remote.gitDir, work], remote.root);
      const message = `Merge pull request #${pull.number}`;
      await git(["merge", "--quiet", "--no-ff", "-m", message, `origin/${pull.head}`], work);
      await git(["push", "--quiet", "origin", pull.base], work);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    pull.state = "closed";
    return { baseSha, headSha };
  };

  return { get, show, sha, merge };
}
