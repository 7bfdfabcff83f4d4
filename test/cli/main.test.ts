import { describe, expect, it } from "@jest/globals";
import { commands } from "../../src/cli/commands/index.js";
import { bundledConstraintSource, bundledSchemaLines } from "../../src/core/terraform/schema/index.js";
import { packageVersion } from "../../src/cli/version.js";
import { wrapText } from "../../src/cli/wrap.js";
import { runCli } from "../helpers/cli.js";

const COLUMNS = 100;
const names = Object.keys(commands);
const wide = (text: string) => text.split("\n").filter((line) => line.length > COLUMNS);

describe("devops-agent (the command dispatcher)", () => {
  it("lists every command in --help, within 100 columns, exit 0", async () => {
    for (const flag of ["--help", "-h", "help"]) {
      const result = await runCli([flag]);
      expect(result.code).toBe(0);
      for (const name of names) expect(result.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
      expect(wide(result.stdout)).toEqual([]);
    }
  });

  it("prints the usage on stderr with exit 2 when no command is given", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage: devops-agent <command>");
  });

  it.each(names)("%s --help prints its usage and exit codes, exit 0, within 100 columns", async (name) => {
    for (const argv of [
      [name, "--help"],
      [name, "-h"],
      [name, "extra", "--json", "--help"],
    ]) {
      const result = await runCli(argv);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain(`devops-agent ${name}`);
      expect(result.stdout).toMatch(/Exit codes:/);
      expect(wide(result.stdout)).toEqual([]);
    }
  });

  it("answers --help for the plan summarize subcommand", async () => {
    const result = await runCli(["plan", "summarize", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--fail-on-delete");
  });

  it("lists the same summary as each command's own module", async () => {
    for (const [name, entry] of Object.entries(commands)) {
      const command = await entry.load();
      expect({ name, summary: command.summary }).toEqual({ name, summary: entry.summary });
      expect(`devops-agent ${command.usage}`.length).toBeLessThanOrEqual(COLUMNS);
    }
  });

  it("--version prints the package version and every bundled provider schema version", async () => {
    const lines = bundledSchemaLines();
    expect(lines.map((l) => l.line)).toEqual(expect.arrayContaining(["4", "5", "6"]));
    for (const flag of ["--version", "-V"]) {
      const result = await runCli([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`devops-agent ${packageVersion()}`);
      for (const line of lines)
        expect(result.stdout).toContain(`${line.source.provider} ${line.source.providerVersion}`);
      const constraints = bundledConstraintSource();
      expect(result.stdout).toContain(
        `Argument constraints (conflicts, one-of, required-with): hashicorp/aws ${constraints.providerVersion} source`,
      );
    }
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('suggests the closest command for a typo ("did you mean"), exit 2', async () => {
    const result = await runCli(["invetory", "."]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'devops-agent: unknown command "invetory". Did you mean "inventory"? Run "devops-agent --help" for the list.\n',
    );
    const far = await runCli(["zzzzzzzz"]);
    expect(far.code).toBe(2);
    expect(far.stderr).not.toContain("Did you mean");
  });

  it("does not treat inherited object keys as commands", async () => {
    const result = await runCli(["constructor"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "constructor"');
  });

  it('suggests the closest flag for a typo ("did you mean"), exit 2', async () => {
    const result = await runCli(["inventory", "examples/demo-infra", "--jsn"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("devops-agent inventory: unknown option --jsn (did you mean --json?)\n");
    const plan = await runCli(["plan", "summarize", "x.json", "--fail-on-delet"]);
    expect(plan.stderr).toContain("did you mean --fail-on-delete?");
  });

  it("keeps --help literal after --", async () => {
    const result = await runCli(["diagnose", "--", "--help"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot read --help");
  });
});

describe("wrapText", () => {
  it("folds long lines at spaces, keeping the indent and an option's description column", () => {
    const long = `--json   ${"word ".repeat(30).trim()}`;
    const lines = wrapText(long, 40).split("\n");
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith("         word"))).toBe(true);
    expect(lines.join(" ").replace(/\s+/g, " ")).toBe(long.replace(/\s+/g, " "));
    expect(wrapText("short\n  also short", 40)).toBe("short\n  also short");
    expect(wrapText("x".repeat(50), 40)).toBe("x".repeat(50));
  });
});
