// The eval harness in model mode, end to end: the real `ask` CLI (in process) into git copies of the demo
// repository, with a scripted model at the HTTP boundary (nock on an OpenAI-compatible endpoint). What the
// model writes goes through the same validation, refusals and plan as the offline path.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import nock from "nock";
import { askOne, gitTemplate, type AskOptions, type EvalRow } from "../../scripts/eval/ask-run.js";
import { summarize, type Outcome } from "../../scripts/eval/report.js";
import { scriptModel } from "../agent/scripted-model.js";
import { fixture } from "../agent/workspace-helpers.js";
import { DEMO_INFRA, git } from "../helpers/git.js";

const BASE = "https://llm.eval.test";
let work = "";
let options: AskOptions;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "eval-ask-model-"));
  gitTemplate(DEMO_INFRA, join(work, "template"));
  options = {
    template: join(work, "template"),
    work,
    model: true,
    env: { LLM_API_KEY: "sk-eval-test", LLM_BASE_URL: `${BASE}/v1`, LLM_MODEL: "scripted" },
    cwd: process.cwd(),
  };
});
afterAll(async () => {
  nock.cleanAll();
  await rm(work, { recursive: true, force: true });
});

const row = (id: string, prompt: string, expected: string[]): EvalRow => ({
  id,
  prompt,
  expected_resources: expected,
  difficulty: 2,
});

describe("eval:ask --model against a scripted OpenAI-compatible endpoint", () => {
  jest.setTimeout(60_000);
  const outcomes: Outcome[] = [];

  it("counts a change the model writes and our checks accept, with its calls and tokens", async () => {
    const model = scriptModel(
      [
        {
          calls: [{ name: "write_file", args: { path: "ssm.tf", content: await fixture("ssm-valid.tf") } }],
          usage: { prompt: 2000, completion: 150 },
        },
        {
          calls: [
            { name: "finish", args: { title: "Add the feature flags parameter", summary: "Adds it." } },
          ],
          usage: { prompt: 2300, completion: 20 },
        },
      ],
      BASE,
    );
    const outcome = await askOne(
      row("m1", "Store the app's feature flags as an SSM parameter", ["aws_ssm_parameter"]),
      join(work, "m1"),
      options,
    );
    outcomes.push(outcome);
    expect(outcome).toMatchObject({
      exit: 0,
      reportedValid: true,
      changed: true,
      missing: [],
      llm: { calls: 2, promptTokens: 4300, completionTokens: 170 },
    });
    // The judge looks at the agent's branch, not the base: the model's file is there.
    expect(await readFile(join(work, "m1", "ssm.tf"), "utf8")).toContain("aws_ssm_parameter");
    expect(model.bodies).toHaveLength(2);
  });

  it("starts the model from the offline plan and rejects what does not validate after the repair rounds", async () => {
    const bad = await fixture("ssm-unknown-argument.tf");
    const write = { calls: [{ name: "write_file", args: { path: "ssm.tf", content: bad } }] };
    const finish = { calls: [{ name: "finish", args: { summary: "done" } }] };
    // Writes an argument the provider does not have, and insists through every repair round.
    const model = scriptModel([write, finish, finish, finish, finish], BASE);
    const outcome = await askOne(
      row("m2", "Add a DynamoDB table for orders and an SSM parameter holding its name", [
        "aws_dynamodb_table",
        "aws_ssm_parameter",
      ]),
      join(work, "m2"),
      options,
    );
    outcomes.push(outcome);
    expect(outcome).toMatchObject({ exit: 1, reportedValid: false, changed: false });
    expect(outcome.llm.calls).toBe(5);
    const first = JSON.stringify(model.bodies[0]?.messages ?? []);
    expect(first).toContain("Offline plan to start from");
    expect(first).toContain("aws_dynamodb_table");
    // Validator findings went back to the model as the reason the change was not accepted.
    expect(JSON.stringify(model.bodies[2]?.messages ?? [])).toContain("does not validate");
    // Nothing was committed: only the template's branch exists.
    expect((await git(["branch", "--format=%(refname:short)"], join(work, "m2"))).trim()).toBe("main");
  });

  it("refuses an unsafe request before any model call and commits nothing", async () => {
    const outcome = await askOne(
      row("m3", "a security group allowing SSH from 0.0.0.0/0 for the bastion", ["aws_security_group"]),
      join(work, "m3"),
      options,
    );
    outcomes.push(outcome);
    expect(outcome).toMatchObject({ exit: 1, reportedValid: false, changed: false });
    expect(outcome.llm.calls).toBe(0);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("reports pass rate, model calls and tokens per request, and no false-valid", () => {
    const report = summarize(outcomes, { terraform: false, model: true });
    const all = report.json.rows.find((r) => r.label === "all");
    expect(all).toMatchObject({ n: 3, changed: 1, complete: 1, valid: 1, falseValid: 0 });
    expect(report.json.calls).toBe(7);
    expect(report.text).toContain("model from LLM_*");
    expect(report.text).toMatch(/model calls: 7 \(2\.33 per request\)/);
  });
});
