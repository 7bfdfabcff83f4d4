// Text people control (branch names may hold backticks; paths and finding codes come from files) is quoted
// with a backtick run longer than any inside it, so it cannot close the code span and become live Markdown.
import { describe, expect, it } from "@jest/globals";
import { ledgerBody } from "../../src/tasks/diagnosis/guard.js";
import { outsideCode } from "./markdown.js";

describe("code spans around text people control", () => {
  const hostile = ["main`](https://evil.example)`", "x` @org/admins `y", "``<img src=x onerror=alert(1)>``"];
  it.each(hostile)("the auto-fix ledger keeps branch %j inside code", (branch) => {
    const body = ledgerBody(branch, "fp`1", 1, 2, "diagnosed");
    const rendered = outsideCode(body);
    expect(rendered).not.toContain("evil.example");
    expect(rendered).not.toContain("@org/admins");
    expect(rendered).not.toContain("<img");
  });
});
