// Scenario: a guide.* lesson from AGENTS.md is forgotten by command, through the lessons PR; the file lists
// it under `forgotten:`, which later changes honour even with no feedback recorded (a fresh deployment),
// and the answer says AGENTS.md still holds the text.
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEMO_INFRA } from "../../helpers/git.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { S3_MODULE } from "./fixtures.js";
import { saveScenarioOutput } from "./output.js";

const AGENTS = "# Notes for coding agents\n\n## Terraform\n- Use `./modules/s3-bucket` for every bucket.\n";
const ID = "guide.module.aws_s3_bucket";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

/** The agent's bucket PR for issue `issue`: its s3.tf and body. */
async function bucketRequest(s: Scenario, issue: number): Promise<{ s3: string; body: string }> {
  await s.comment(issue, "/agent a private S3 bucket for reports");
  const pull = s.world.pullByHead(`agent/${issue}-`);
  if (!pull) throw new Error(`no PR for issue ${issue}: ${s.world.unrouted.join(", ")} ${s.log.text()}`);
  return { s3: (await s.world.show(pull.head, "s3.tf")) ?? "", body: pull.body };
}

describe("scenario: forgetting a lesson that came from AGENTS.md", () => {
  it("/agent forget guide.* goes through the lessons PR, and the next bucket ignores the guide", async () => {
    scenario = await startScenario({
      seed: { fromDir: DEMO_INFRA, files: { ...S3_MODULE, "AGENTS.md": AGENTS } },
    });
    const s = scenario;
    await s.comment(5, "/agent lessons");
    const listed = s.world.comment(5, "lessons")?.body ?? "";
    expect(listed).toContain(`| \`${ID}\` | \`AGENTS.md\` says: Use ./modules/s3-bucket for every bucket.`);
    expect(listed).toContain("from `AGENTS.md`");

    await s.comment(5, `/agent forget ${ID}`);
    const reply = s.world.comment(5, "forget")?.body ?? "";
    expect(reply).toMatch(
      new RegExp(
        `I stopped using \`${ID.replace(/\./g, "\\.")}\` and proposed listing it under \`forgotten:\``,
      ),
    );
    expect(reply).toContain("`AGENTS.md` still contains the text this lesson came from");
    const lessonsPr = s.world.pullByHead("agent/lessons");
    expect(lessonsPr?.body).toContain(`### Forgotten\n\n- \`${ID}\``);
    const file = (await s.world.show("agent/lessons", ".github/devops-agent/lessons.yml")) ?? "";
    expect(file).toMatch(new RegExp(`forgotten:\\n  - ${ID.replace(/\./g, "\\.")}`));
    await s.merge(lessonsPr?.number ?? 0);

    const after = await bucketRequest(s, 1);
    expect(after.s3).toContain('resource "aws_s3_bucket" "reports"');
    expect(after.s3).not.toContain("./modules/s3-bucket");
    expect(after.body).not.toContain(ID);
    expect(await s.world.show("main", "AGENTS.md")).toBe(AGENTS);
    expect(s.world.unrouted).toEqual([]);
    await saveScenarioOutput("guidance-forget", {
      forget: reply,
      lessonsPr: lessonsPr?.body ?? "",
      after: after.body,
    });
  }, 120_000);

  it("a guide id under forgotten: in the merged lessons file stays unused with no feedback recorded", async () => {
    scenario = await startScenario({
      seed: {
        fromDir: DEMO_INFRA,
        files: {
          ...S3_MODULE,
          "AGENTS.md": AGENTS,
          ".github/devops-agent/lessons.yml": `version: 1\nlessons: []\nforgotten:\n  - ${ID}\n`,
        },
      },
    });
    const { s3, body } = await bucketRequest(scenario, 1);
    expect(s3).not.toContain("./modules/s3-bucket");
    expect(body).not.toContain(ID);
  }, 120_000);
});
