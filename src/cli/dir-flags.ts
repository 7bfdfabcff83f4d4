import { UsageError, parseCliArgs } from "./io.js";

/** `<command> DIR [--json] [--help]`, shared by the commands that read a Terraform directory. */
export function parseDirFlags(
  command: string,
  argv: string[],
): { dir: string; json: boolean; help: boolean } {
  const parsed = parseCliArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  const help = parsed.values.help === true;
  const [dir, ...extra] = parsed.positionals;
  if (!help && (dir === undefined || extra.length > 0)) {
    throw new UsageError(`expected exactly one DIR, e.g. "${command} examples/demo-infra"`);
  }
  return { dir: dir ?? ".", json: parsed.values.json === true, help };
}
