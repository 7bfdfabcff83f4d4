// Plans as each Terraform release line writes them (format_version 0.1 through 1.2) and as OpenTofu
// writes them: written from Terraform's documented JSON output format, plus the real plan the local
// terraform produced (real-terraform.test.ts). Members the summary does not need are never required.
import { describe, expect, it } from "@jest/globals";
import {
  parsePlan,
  renderPlanMarkdown,
  summarizePlan,
  summaryToContract,
} from "../../../src/core/plan/index.js";
import { runCli } from "../../helpers/cli.js";
import { planFixture } from "./fixtures.js";

const summaryOf = (name: string) => summarizePlan(parsePlan(planFixture(name)));

describe("plans from every Terraform release line and OpenTofu", () => {
  it.each([
    ["format-0.1.json", "0.1", { create: 1, update: 0, delete: 1, replace: 1 }],
    ["format-0.2.json", "0.2", { create: 0, update: 1, delete: 0, replace: 0 }],
    ["format-1.0-drift-without-address.json", "1.0", { create: 1, update: 0, delete: 1, replace: 0 }],
    ["format-1.1.json", "1.1", { create: 0, update: 0, delete: 0, replace: 1 }],
    ["format-1.2.json", "1.2", { create: 1, update: 0, delete: 0, replace: 0 }],
    ["opentofu-1.8.json", "1.2", { create: 1, update: 0, delete: 0, replace: 0 }],
  ])("summarizes %s (format %s)", (file, format, counts) => {
    const summary = summaryOf(file);
    expect(summary.formatVersion).toBe(format);
    expect(summaryToContract(summary)).toMatchObject(counts);
    expect(renderPlanMarkdown(summary, { root: "." })).toContain(`plan format ${format}`);
  });

  it("rebuilds the address of drift entries Terraform 1.0 wrote without one", () => {
    const summary = summaryOf("format-1.0-drift-without-address.json");
    expect(summary.drift.map((d) => [d.address, d.mode, d.type, d.kind])).toEqual([
      ["aws_instance.web", "managed", "aws_instance", "delete"],
      ['module.app.aws_security_group.web["blue"]', "managed", "aws_security_group", "update"],
      // A data source is re-read, never changed: the summary counts it as no-op whatever the action says.
      ["data.aws_ami.base[2]", "data", "aws_ami", "noop"],
    ]);
    expect(summary.drift[1]?.module).toBe("module.app");
    expect(summary.notes).toBeUndefined();
    const markdown = renderPlanMarkdown(summary, { root: "." });
    expect(markdown).toContain("changed outside of Terraform");
    expect(markdown).toContain("<code>module.app.aws_security_group.web[&quot;blue&quot;]</code> changed");
  });

  it("names OpenTofu as the plan's author when its providers come from registry.opentofu.org", () => {
    const tofu = summaryOf("opentofu-1.8.json");
    expect(tofu).toMatchObject({ tool: "opentofu", terraformVersion: "1.8.5", formatVersion: "1.2" });
    expect(renderPlanMarkdown(tofu, { root: "." })).toContain(
      "<sub>OpenTofu 1.8.5 · plan format 1.2 · devops-agent</sub>",
    );
    const terraform = summaryOf("real-terraform-1.11.json");
    expect(terraform.tool).toBe("terraform");
    expect(renderPlanMarkdown(terraform, { root: "." })).toMatch(/<sub>Terraform 1\.11\.\d+ · plan format /);
  });

  it("keeps the summary when a drift entry cannot be read, and says so", () => {
    const summary = summaryOf("opentofu-1.8.json");
    expect(summary.drift.map((d) => d.address)).toEqual(["aws_kms_alias.main"]);
    expect(summary.notes).toEqual([
      "1 of 2 resource_drift entries could not be read and are not listed (no address, and no type and name to rebuild it from).",
    ]);
    expect(renderPlanMarkdown(summary, { root: "." })).toContain(
      "> ℹ️ 1 of 2 resource_drift entries could not be read",
    );
  });

  it("reads moves, replace reasons, imports and deferred changes from the 1.1 and 1.2 formats", () => {
    const moved = summaryOf("format-1.1.json");
    expect(moved.counts.move).toBe(1);
    expect(moved.resources.find((r) => r.address === "aws_instance.web")?.replacePaths).toEqual(["ami"]);
    const modern = summaryOf("format-1.2.json");
    expect(modern.counts.import).toBe(1);
    expect(modern.deferred.map((d) => d.address)).toEqual(["aws_sqs_queue.per_tenant"]);
  });

  it("needs only change.actions and a way to name each resource", () => {
    const bare = {
      format_version: "1.0",
      resource_changes: [
        { address: "module.a.aws_vpc.main", change: { actions: ["delete"] } },
        { type: "aws_subnet", name: "b", index: 1, change: { actions: ["create"] } },
      ],
    };
    const summary = summarizePlan(parsePlan(bare));
    expect(summary.resources.map((r) => [r.address, r.type, r.name, r.mode, r.kind])).toEqual([
      ["module.a.aws_vpc.main", "aws_vpc", "main", "managed", "delete"],
      ["aws_subnet.b[1]", "aws_subnet", "b", "managed", "create"],
    ]);
    expect(() =>
      parsePlan({ format_version: "1.0", resource_changes: [{ change: { actions: ["create"] } }] }),
    ).toThrow(/resource_changes\[0\]: no address, and no type and name to rebuild it from/);
  });

  it("devops-agent plan summarize reads the Terraform 1.0 plan with address-less drift (exit 0)", async () => {
    const result = await runCli([
      "plan",
      "summarize",
      "test/fixtures/plan/format-1.0-drift-without-address.json",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("aws_db_instance.main");
    const failing = await runCli([
      "plan",
      "summarize",
      "test/fixtures/plan/format-1.0-drift-without-address.json",
      "--fail-on-delete",
    ]);
    expect(failing.code).toBe(1);
  });
});
