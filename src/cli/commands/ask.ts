import { resolve } from "node:path";
import { gatherRepoContext, runAgent } from "../../agent/index.js";
import { createLlmClient, llmSettingsFromEnv, LlmSettingsError } from "../../adapters/llm/index.js";
import { createWorkspace, slugify, WorkspaceError } from "../../adapters/workspace/index.js";
import { DEFAULT_REPO_CONFIG } from "../../core/config/index.js";
import { pullRequestBody, pullRequestTitle } from "../../core/pr/index.js";
import { createRedactor } from "../../core/redact/index.js";
import { type CliCommand, type CliIO, UsageError, parseCliArgs } from "../io.js";

const HELP = `devops-agent ask "<request>" --repo DIR [--offline] [--json]

Proposes, validates and commits a change to the git repository at DIR, on a new local branch
(agent/ask-<slug>); nothing is pushed. With LLM_API_KEY or LLM_BASE_URL set (and LLM_MODEL), the agent may
use the model; with --offline, or no model configured, it uses its built-in recipes only and says so.

--json   print {branch, files[{path,action}], resources[], title, body, validation{ok,findings[]}, llm{...}}

Exit codes: 0 change committed; 1 no change (needs detail, needs a model, or did not validate);
2 bad usage, DIR is not a clean git repository, or bad model settings.`;

export const askCommand: CliCommand = {
  help: HELP,
  usage: 'ask "<request>" --repo DIR [--offline] [--json]',
  summary: "propose, validate and commit a change on a new local branch",
  async run(argv, io) {
    const flags = parseFlags(argv);
    if (flags.help) {
      io.stdout(HELP);
      return 0;
    }
    const redactor = createRedactor();
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const llm = flags.offline ? null : modelFrom(io, redactor);
    if (!flags.json)
      io.stderr(llm ? `Using model ${llm.model}.` : "No model: working offline from the built-in recipes.");

    const workspace = await openRepo(flags.repo, io);
    const branch = await workspace.checkoutBranch(`agent/ask-${slugify(flags.request)}`);
    const repo = await gatherRepoContext(workspace.dir);
    const result = await runAgent({
      workspaceDir: workspace.dir,
      request: flags.request,
      conventions: repo.conventions,
      inventory: repo.inventory,
      config: DEFAULT_REPO_CONFIG,
      llm,
      redactor,
      log,
      now: Date.now,
    });
    const title = pullRequestTitle(flags.request);
    const report = { ...result, request: flags.request };
    const body = result.ok ? pullRequestBody(report) : `${result.reason ?? "no change"}\n\n${result.summary}`;
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
      io.stdout(result.ok ? `Committed on branch ${branch}\n\n${title}\n\n${contract.body}` : contract.body);
    return result.ok ? 0 : 1;
  },
};

function modelFrom(io: CliIO, redactor: ReturnType<typeof createRedactor>) {
  try {
    const settings = llmSettingsFromEnv(io.env);
    return settings ? createLlmClient({ ...settings, redactor }) : null;
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
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const { values, positionals } = parsed;
  if (values.help) return { help: true, request: "", repo: "", offline: false, json: false };
  if (positionals.length !== 1 || !positionals[0]?.trim())
    throw new UsageError('expected one quoted request, e.g. ask "an S3 bucket for logs" --repo .');
  if (!values.repo) throw new UsageError("--repo DIR is required (a git repository)");
  return {
    help: false,
    request: positionals[0],
    repo: values.repo,
    offline: values.offline,
    json: values.json,
  };
}
