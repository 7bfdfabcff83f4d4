// Scenario: the lessons PR is opened once and updated in place; a maintainer's edit to the lessons file
// wins over what the agent distils; `/agent forget` removes a lesson through the same PR and it stays gone.
import { afterEach, describe, expect, it } from "@jest/globals";
import { parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import { pushCommitAs } from "../../helpers/git.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { saveScenarioOutput } from "./output.js";

const FILE = ".github/devops-agent/lessons.yml";
const EDITED = "Buckets go through our hardened module (wording by the maintainer)";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

const lessonsPulls = (s: Scenario) => [...s.world.pulls.values()].filter((p) => p.head === "agent/lessons");

describe("scenario: the lessons file is reviewed like code", () => {
  it("one PR updated in place; the maintainer's edit wins; /agent forget removes a lesson for good", async () => {
    scenario = await startScenario();
    const s = scenario;
    await s.comment(7, "/agent feedback use ./modules/s3-bucket for every bucket");
    await s.comment(
      7,
      "/agent feedback Prefer t3.small for dev instances; prod is sized by the platform team.",
    );
    expect(lessonsPulls(s)).toHaveLength(1);
    const [pr] = lessonsPulls(s);
    expect(pr?.bodies).toHaveLength(2);
    let file = (await s.world.show("agent/lessons", FILE)) ?? "";
    expect(file).toContain("id: module.aws_s3_bucket");
    expect(file).toContain("Prefer t3.small for dev instances");

    // The maintainer rewrites the module lesson's summary on the lessons branch and merges the PR.
    const doc = parseDocument(file);
    const lessons = doc.get("lessons") as YAMLSeq<YAMLMap>;
    lessons.items.find((l) => l.get("id") === "module.aws_s3_bucket")?.set("summary", EDITED);
    await pushCommitAs(s.remote, "agent/lessons", { [FILE]: doc.toString() }, "Reword the bucket lesson");
    await s.merge(pr?.number ?? 0);
    expect(s.log.text()).toContain('"kind":"agent-pr-closed","outcome":"nothing-to-do"');

    await s.comment(7, "/agent lessons");
    const listed = s.world.comment(7, "lessons")?.body ?? "";
    expect(listed).toContain(`| \`module.aws_s3_bucket\` | ${EDITED} |`);
    expect(listed).toContain(`in \`${FILE}\``);

    // New feedback opens a new lessons PR from the default branch: the maintainer's wording is kept.
    await s.comment(7, "/agent feedback Tag everything with CostCenter=platform.");
    expect(lessonsPulls(s)).toHaveLength(2);
    const second = lessonsPulls(s).find((p) => p.state === "open");
    file = (await s.world.show("agent/lessons", FILE)) ?? "";
    expect(file).toContain(`summary: "${EDITED}"`);
    expect(file).toContain("CostCenter=platform");
    expect(file.match(/id: module\.aws_s3_bucket/g)).toHaveLength(1);

    await s.comment(7, "/agent forget module.aws_s3_bucket");
    const forgot = s.world.comment(7, "forget")?.body ?? "";
    expect(forgot).toContain(`proposed removing it from \`${FILE}\` in #${second?.number ?? 0}`);
    expect(lessonsPulls(s)).toHaveLength(2);
    expect(second?.bodies.at(-1)).toContain("### Forgotten");
    file = (await s.world.show("agent/lessons", FILE)) ?? "";
    expect(file).not.toContain("id: module.aws_s3_bucket");
    expect(file).toMatch(/forgotten:\n\s+- module\.aws_s3_bucket/);

    // Saying it again does not bring it back while the file says it was forgotten.
    await s.comment(7, "/agent feedback use ./modules/s3-bucket for every bucket");
    file = (await s.world.show("agent/lessons", FILE)) ?? "";
    expect(file).not.toContain("id: module.aws_s3_bucket");
    await s.comment(7, "/agent forget no.such.lesson");
    const unknown = [...s.world.comments.values()]
      .filter((c) => c.body.includes("devops-agent:forget:"))
      .at(-1);
    expect(unknown?.body).toContain("There is no lesson `no.such.lesson` in this repository.");
    expect(s.world.unrouted).toEqual([]);
    await saveScenarioOutput("lessons-pr", { listed, forgot, lessonsFile: file });
  }, 120_000);
});
