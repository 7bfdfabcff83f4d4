import { open } from "node:fs/promises";
import { excerptFromStream } from "../../adapters/logs/index.js";
import type { StreamExcerpt } from "../../adapters/logs/index.js";
import { diagnose, schemaArgumentSuggester, unmatchedDiagnosis } from "../../core/diagnosis/index.js";
import type { ArgumentSuggester, Diagnosis, RepoContext } from "../../core/diagnosis/index.js";
import { loadAwsProviderSchema } from "../../core/terraform/schema/loader.js";
import { type CliCommand, type CliIO, UsageError, parseCliArgs } from "../io.js";

async function excerptOf(file: string, io: CliIO): Promise<StreamExcerpt> {
  // Standard input streams like a file: a 200 MB log piped in never sits in memory whole.
  if (file === "-") return excerptFromStream(io.stdinStream());
  // Streamed from disk: a 500 MB log must not be read into memory first.
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unknown error"}`);
  }
  try {
    return await excerptFromStream(handle.createReadStream({ autoClose: false }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(`cannot read ${file}: ${code}`);
    throw error;
  } finally {
    await handle.close();
  }
}

/** Loads the bundled provider schema only when a log names an unknown argument; without it, no suggestion. */
const suggestFromSchema: ArgumentSuggester = (resourceType, name) => {
  let suggest: ArgumentSuggester;
  try {
    suggest = schemaArgumentSuggester(loadAwsProviderSchema());
  } catch {
    return undefined;
  }
  return suggest(resourceType, name);
};

/** Inside GitHub Actions the runner says which repository, event and branch this is. */
function repoFromEnv(env: NodeJS.ProcessEnv): RepoContext {
  const repo: RepoContext = {};
  if (env["GITHUB_REPOSITORY"]) repo.repository = env["GITHUB_REPOSITORY"];
  if (env["GITHUB_EVENT_NAME"]) repo.event = env["GITHUB_EVENT_NAME"];
  if (env["GITHUB_REF_NAME"]) repo.branch = env["GITHUB_REF_NAME"];
  return repo;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? "" : `  ${line}`))
    .join("\n");
}

function human(d: Diagnosis, failingStep: string | null): string {
  const origin = d.signatureId ? `signature ${d.signatureId}` : "no signature matched";
  const lines = [
    `${d.title}`,
    "",
    `Category:     ${d.category}`,
    `Confidence:   ${d.confidence.toFixed(2)} (${origin})`,
    ...(failingStep ? [`Failing step: ${failingStep}`] : []),
    `Auto-fixable: ${d.autoFixable ? "yes" : "no"}`,
    "",
    "Root cause:",
    indent(d.rootCause),
    "",
    "Fix:",
    indent(d.fix),
  ];
  if (d.evidence.length > 0) lines.push("", "Evidence:", ...d.evidence.map((line) => `  | ${line}`));
  return lines.join("\n");
}

export const diagnoseCommand: CliCommand = {
  usage: "diagnose FILE|- [--json]",
  summary: "diagnose a failed CI job log (known signatures, no LLM)",
  async run(argv, io) {
    const parsed = parseCliArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: "boolean" } },
    });
    const [file, ...extra] = parsed.positionals;
    if (file === undefined) throw new UsageError("missing FILE (use - for standard input)");
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ""}"`);
    const excerpt = await excerptOf(file, io);
    if (excerpt.binary)
      throw new UsageError(`${file === "-" ? "standard input" : file} is binary data, not a text log`);
    const diagnosis =
      diagnose(excerpt, { suggestArgument: suggestFromSchema, repo: repoFromEnv(io.env) }) ??
      unmatchedDiagnosis(excerpt);
    if (parsed.values.json) {
      const { category, title, rootCause, fix, confidence, evidence, source, autoFixable } = diagnosis;
      // The DESIGN contract, plus `autoFixable` (issue 15): the human output already says it.
      const out = { category, title, rootCause, fix, confidence, evidence, source, autoFixable };
      io.stdout(JSON.stringify(out, null, 2));
    } else {
      io.stdout(human(diagnosis, excerpt.failingStep));
    }
    return 0;
  },
};
