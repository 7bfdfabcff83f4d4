import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { getHeapStatistics } from "node:v8";
import {
  PlanParseError,
  parsePlan,
  renderPlanMarkdown,
  summarizePlan,
  summaryToContract,
} from "../../core/plan/index.js";
import { type CliCommand, type CliIO, UsageError, parseCliArgs } from "../io.js";

/** Plans above this size are refused before reading: documented in docs/cli.md. */
export const MAX_PLAN_BYTES = 512 * 1024 * 1024;
// A parsed section takes several times its size on the heap; refuse before V8 runs out rather than crash.
const HEAP_PER_BYTE = 6;

const USAGE = "plan summarize FILE [--json|--markdown] [--fail-on-delete] [--root DIR] [--cost]";

const HELP = `devops-agent ${USAGE}

Summarizes the JSON of a saved plan (\`terraform show -json PLANFILE > plan.json\`, or - to read standard
input): what is created, updated, replaced, deleted and read, with deletes and replacements first, and
what the plan marks sensitive (never its values). Any plan from Terraform 0.12 on, or OpenTofu, is read.

--json            print {create, update, delete, replace, noop, read, resources[], sensitive[]}
--markdown        print the pull request comment (the default)
--fail-on-delete  exit 1 when the plan deletes or replaces anything
--root DIR        the root module the plan is for, named in the comment (default .)
--cost            add the monthly cost before → after, from AWS's Price List API (default credential
                  chain; needs pricing:GetProducts), or from --prices FILE (saved get-products output)
--region R        the region the plan deploys to (default AWS_REGION)

Exit codes: 0 summarized; 1 --fail-on-delete and the plan deletes or replaces;
2 bad usage, or FILE is unreadable or not a Terraform plan.`;

export const planCommand: CliCommand = {
  usage: USAGE,
  help: HELP,
  summary: "summarize `terraform show -json` output (Markdown comment or JSON)",
  run: async (argv, io) => {
    const [sub, ...rest] = argv;
    if (sub !== "summarize") throw new UsageError(`expected "summarize"; usage: devops-agent ${USAGE}`);
    const { values, positionals } = parse(rest);
    const file = positionals[0];
    if (positionals.length !== 1 || file === undefined) {
      throw new UsageError(`expected one FILE (or - for stdin); usage: devops-agent ${USAGE}`);
    }
    if (values.json && values.markdown) throw new UsageError("--json and --markdown cannot be combined");
    if (!values.cost && (values.region !== undefined || values.prices !== undefined))
      throw new UsageError("--region and --prices go with --cost");
    const bytes = await readPlanFile(file, io);
    const { plan, summary } = summarize(bytes, file);
    const { costOfPlan, costMarkdown } = await import("../plan-cost.js");
    const cost = values.cost ? await costOfPlan(plan, values, io) : undefined;
    if (values.json)
      io.stdout(JSON.stringify({ ...summaryToContract(summary), ...(cost ? { cost } : {}) }, null, 2));
    else
      io.stdout(
        renderPlanMarkdown(summary, {
          root: values.root ?? ".",
          ...(cost ? { cost: costMarkdown(cost) } : {}),
        }),
      );
    const destructive = summary.counts.delete + summary.counts.replace;
    if (values["fail-on-delete"] && destructive > 0) {
      io.stderr(
        `devops-agent plan: the plan destroys ${summary.counts.delete} and replaces ${summary.counts.replace} resources (--fail-on-delete)`,
      );
      return 1;
    }
    return 0;
  },
};

function parse(argv: string[]) {
  return parseCliArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean" },
      markdown: { type: "boolean" },
      "fail-on-delete": { type: "boolean" },
      root: { type: "string" },
      cost: { type: "boolean" },
      region: { type: "string" },
      prices: { type: "string" },
    },
  });
}

async function readPlanFile(file: string, io: CliIO): Promise<Buffer> {
  if (file === "-") {
    const bytes = await io.readStdin();
    if (bytes.length > MAX_PLAN_BYTES) throw new UsageError(tooBig("standard input", bytes.length));
    return bytes;
  }
  const path = resolve(io.cwd, file);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`cannot read ${file}: not a regular file`);
    if (info.size > MAX_PLAN_BYTES) throw new UsageError(tooBig(file, info.size));
    return await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UsageError(`cannot read ${file}: ${code}`);
  }
}

function summarize(bytes: Buffer, file: string) {
  const heap = getHeapStatistics();
  const maxSectionBytes = Math.floor((heap.heap_size_limit - heap.used_heap_size) / HEAP_PER_BYTE);
  try {
    const plan = parsePlan(bytes, { maxSectionBytes });
    return { plan, summary: summarizePlan(plan) };
  } catch (error) {
    if (error instanceof PlanParseError)
      throw new UsageError(`${file === "-" ? "stdin" : file}: ${error.message}`);
    throw error;
  }
}

function tooBig(what: string, size: number): string {
  const mib = (n: number) => `${Math.round(n / 1048576)} MiB`;
  return `${what} is ${mib(size)}; plans above ${mib(MAX_PLAN_BYTES)} are refused`;
}
