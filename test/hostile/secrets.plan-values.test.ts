// Plan values that are sensitive on either side, or that the provider schema marks sensitive, never reach
// a comment: checked on a plan written by a real Terraform 1.11 and on a hand-written 0.14-format plan.
import { describe, expect, it } from "@jest/globals";
import {
  type PlanSummary,
  parsePlan,
  renderPlanMarkdown,
  summarizePlan,
  summaryToContract,
} from "../../src/core/plan/index.js";
import { planFixture } from "../core/plan/fixtures.js";

/** Everything a plan summary can print: the comment, the contract, every attribute diff. */
function everything(summary: PlanSummary): string {
  const diffs = [...summary.resources, ...summary.drift, ...summary.outputs].map((r) => r.changes());
  return [
    renderPlanMarkdown(summary, { root: "." }),
    JSON.stringify(summaryToContract(summary)),
    JSON.stringify(diffs),
  ].join("\n");
}
const summarize = (name: string) => summarizePlan(parsePlan(planFixture(name)));
const change = (summary: PlanSummary, address: string) =>
  summary.resources.find((r) => r.address === address)?.changes() ?? [];
const inline = (body: object) =>
  summarizePlan(
    parsePlan(
      JSON.stringify({
        format_version: "1.2",
        resource_changes: [
          {
            address: "terraform_data.x",
            mode: "managed",
            type: "terraform_data",
            name: "x",
            provider_name: "terraform.io/builtin/terraform",
            change: { actions: ["update"], after_unknown: {}, ...body },
          },
        ],
      }),
    ),
  );

describe("values that became sensitive (real Terraform 1.11 plan)", () => {
  const real = summarize("evil-became-sensitive.tf111.json");

  it("hides the old value of an input that is sensitive only after the change", () => {
    expect(change(real, "terraform_data.db_password")).toContainEqual(
      expect.objectContaining({ op: "~", path: "input", before: "(sensitive)", after: "(sensitive)" }),
    );
    expect(everything(real)).not.toContain("old-password-123");
    expect(everything(real)).not.toContain("new-secret-456");
  });

  it("hides an unmarked attribute that merely echoes the hidden value (Terraform prints it; we do not)", () => {
    expect(change(real, "terraform_data.db_password")).toContainEqual(
      expect.objectContaining({ path: "output", before: "(sensitive)", after: "(known after apply)" }),
    );
  });

  it("lists the newly sensitive attribute and output by path only", () => {
    expect(summaryToContract(real).sensitive).toEqual([
      "terraform_data.db_password.input",
      "output.password_echo",
    ]);
  });
});

describe("attributes the provider marks sensitive, in a 0.14 plan that does not say so", () => {
  const old = summarize("evil-unmarked-sensitive.tf014.json");
  const text = everything(old);

  it("hides aws_db_instance.password on both sides of an update", () => {
    expect(change(old, "aws_db_instance.main")).toEqual([
      { op: "~", path: "password", before: "(sensitive)", after: "(sensitive)", forcesReplacement: false },
    ]);
    expect(text).not.toMatch(/Db-Passw0rd/);
  });

  it("hides the old secret of a replaced aws_iam_access_key", () => {
    expect(text).not.toContain("OLDSECRET1");
    expect(old.sensitive).toContain("aws_iam_access_key.ci.secret");
  });

  it("hides a sensitive attribute inside a list of nested blocks (every element)", () => {
    expect(text).not.toContain("oidc-old-client-secret");
    expect(text).not.toContain("oidc-new-client-secret");
    expect(old.sensitive).toContain(
      "aws_lb_listener.https.default_action[0].authenticate_oidc[0].client_secret",
    );
  });

  it("hides a data source's sensitive attribute (looked up as a data source, not a resource)", () => {
    expect(text).not.toContain("data-source-secret");
  });

  it("hides an output that is sensitive only after the change", () => {
    expect(old.sensitive).toContain("output.db_password");
    expect(text).not.toContain("Old-Db-Passw0rd!");
  });

  it("still shows the harmless attributes next to them", () => {
    expect(change(old, "aws_iam_access_key.ci")).toContainEqual(
      expect.objectContaining({ path: "user", before: '"ci"', after: '"ci-2"' }),
    );
  });
});

describe("neighbours: masks that disagree between the two sides", () => {
  it("hides both sides when the value stops being sensitive", () => {
    const summary = inline({
      before: { input: "was-secret-value" },
      after: { input: "now-public-value" },
      before_sensitive: { input: true },
      after_sensitive: {},
    });
    expect(everything(summary)).not.toContain("was-secret-value");
    expect(everything(summary)).not.toContain("now-public-value");
  });

  it("hides a sensitive map key on both sides when only one side marks it", () => {
    const summary = inline({
      before: { input: { Name: "db", Token: "tok-before-123" } },
      after: { input: { Name: "db", Token: "tok-after-4567" } },
      before_sensitive: {},
      after_sensitive: { input: { Token: true } },
    });
    const text = everything(summary);
    expect(text).not.toMatch(/tok-(before|after)/);
    expect(change(summary, "terraform_data.x")).toContainEqual(
      expect.objectContaining({ path: "input.Token", before: "(sensitive)", after: "(sensitive)" }),
    );
  });

  it("hides a whole object that turns sensitive, including keys removed by the change", () => {
    const summary = inline({
      before: { input: { user: "app", pass: "removed-secret-1" } },
      after: { input: { user: "app" } },
      before_sensitive: {},
      after_sensitive: { input: true },
    });
    expect(everything(summary)).not.toContain("removed-secret-1");
  });
});
