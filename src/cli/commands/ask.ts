import { agentTerraformFromEnv } from "../../validation/terraform-mode.js";
import { resolve } from "node:path";
import { runAgent } from "../../agent/index.js";
import { llmFromSettings, llmSettingsFromEnv, LlmSettingsError } from "../../adapters/llm/index.js";
import { createWorkspace, slugify, WorkspaceError, type Workspace } from "../../adapters/workspace/index.js";
import { repoForRequest } from "../ask-repo.js";
import { readRepoConfig } from "../repo-config.js";
import { pullRequestBody, pullRequestTitle } from "../../core/pr/index.js";
import { createRedactor } from "../../core/redact/index.js";
import { type CliCommand, type CliIO, UsageError, parseCliArgs } from "../io.js";

const HELP = `devops-agent ask "<request>" --repo DIR [--offline] [--json] [--base REF] [--root DIR]

Proposes, validates and commits a change to the git repository at DIR, on a new local branch
(agent/ask-<slug>) started from the branch you are on (or --base REF); nothing is pushed, and you stay on
your branch. The plan of the change is printed before any file is written. With LLM_API_KEY or
LLM_BASE_URL set (and LLM_MODEL), the agent may use the model; with --offline, or no model configured, it
uses its recipes and the schema-driven generator, and refuses what it does not cover.

--root DIR  the root module to change (default: the only one, or the one the request names; the repo's
            terraform.roots globs in .github/devops-agent.yml say which directories are roots)
--base REF  start the new branch from REF instead of the current branch
--json      print {branch, files[{path,action}], resources[], title, body, validation{ok,findings[]}, llm{...}}

Exit codes: 0 change committed; 1 no change (part of the request not covered, refused, needs detail,
several root modules fit, or did not validate) — the repository is left as it was;
2 bad usage, DIR is not a clean git repository, or bad model settings.`;

export const askCommand: CliCommand = {
  help: HELP,
  usage: 'ask "<request>" --repo DIR [--offline] [--json] [--base REF] [--root DIR]',
  summary: "propose, validate and commit a change on a new local branch",
  async run(argv, io) {
    const flags = parseFlags(argv);
    const redactor = createRedactor();
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const llm = flags.offline ? null : modelFrom(io, redactor);
    if (!flags.json)
      io.stderr(
        llm
          ? `Using model ${llm.model}.`
          : "No model: working offline (recipes and the schema-driven generator).",
      );

    const workspace = await openRepo(flags.repo, io);
    try {
      const config = await readRepoConfig(workspace.dir, io);
      const chosen = await repoForRequest(workspace.dir, config, flags.request, flags.root);
      if (!chosen.ok) {
        io.stderr(chosen.message);
        if (flags.json) io.stdout(JSON.stringify(emptyContract(flags.request, chosen.message), null, 2));
        return 1;
      }
      const branch = await checkout(workspace, `agent/ask-${slugify(flags.request)}`, flags.base);
      const result = await runAgent({
        workspaceDir: workspace.dir,
        request: flags.request,
        conventions: chosen.repo.conventions,
        inventory: chosen.repo.inventory,
        config,
        llm,
        redactor,
        log,
        now: Date.now,
        terraform: agentTerraformFromEnv(process.env),
        onPlan: (_plan, text) => {
          if (!flags.json) io.stderr(`${redactor.redact(text)}\n`);
        },
      });
      // Anything written and not committed is undone by dispose(), which also returns to your branch.
      workspace.adopt(result.files.map((f) => f.path));
      const title = redactor.redact(
        result.ok ? `devops-agent: ${result.title}` : pullRequestTitle(flags.request),
      );
      const report = { ...result, request: flags.request };
      const body = result.ok
        ? pullRequestBody(report)
        : `${result.reason ?? "no change"}\n\n${result.summary}`;
      if (result.ok) await workspace.commit(`${title}\n\nProposed by devops-agent ask.`);
      const contract = {
        branch: result.ok ? branch : null,
        files: result.files,
        resources: result.resources,
        title,
        body: redactor.redact(body),
        validation: { ok: result.validation.ok, findings: result.validation.findings },
        llm: result.llm,
      };
      if (flags.json) io.stdout(JSON.stringify(contract, null, 2));
      else
        io.stdout(
          result.ok
            ? `Committed on branch ${branch} (you are still on your branch; \`git switch ${branch}\` to look)\n\n${title}\n\n${contract.body}`
            : `Nothing was changed: ${contract.body}`,
        );
      return result.ok ? 0 : 1;
    } finally {
      await workspace.dispose({ returnToStart: true });
    }
  },
};

function emptyContract(request: string, reason: string) {
  return {
    branch: null,
    files: [],
    resources: [],
    title: pullRequestTitle(request),
    body: reason,
    validation: { ok: false, findings: [] },
    llm: { calls: 0, promptTokens: 0, completionTokens: 0 },
  };
}

async function checkout(workspace: Workspace, name: string, base: string | undefined): Promise<string> {
  try {
    return await workspace.checkoutBranch(name, base);
  } catch (error) {
    if (error instanceof WorkspaceError && base !== undefined)
      throw new UsageError(`--base ${base}: ${error.message}`);
    throw error;
  }
}

function modelFrom(io: CliIO, redactor: ReturnType<typeof createRedactor>) {
  try {
    const settings = llmSettingsFromEnv(io.env);
    return settings ? llmFromSettings(settings, redactor) : null;
  } catch (error) {
    if (error instanceof LlmSettingsError) throw new UsageError(error.message);
    throw error;
  }
}

async function openRepo(dir: string, io: CliIO) {
  try {
    return await createWorkspace().openLocal(resolve(io.cwd, dir));
  } catch (error) {
    if (error instanceof WorkspaceError) throw new UsageError(error.message);
    throw error;
  }
}

function parseFlags(argv: string[]) {
  const parsed = parseCliArgs({
    args: argv,
    allowPositionals: true,
    options: {
      repo: { type: "string" },
      offline: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      base: { type: "string" },
      root: { type: "string" },
    },
  });
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !positionals[0]?.trim())
    throw new UsageError('expected one quoted request, e.g. ask "an S3 bucket for logs" --repo .');
  if (!values.repo) throw new UsageError("--repo DIR is required (a git repository)");
  return {
    request: positionals[0],
    repo: values.repo,
    offline: values.offline,
    json: values.json,
    base: values.base,
    root: values.root,
  };
}
