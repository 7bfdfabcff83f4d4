// Values a diagnosis quotes from a log (test ids, file names) are controlled by whoever wrote the code the
// job ran, fork authors included. Every signature template quotes them through one helper whose backtick
// run outgrows any inside the value, so a crafted name cannot close the span and become a live link,
// mention or HTML in the comment.
import { describe, expect, it } from "@jest/globals";
import { diagnose } from "../../src/core/diagnosis/index.js";
import { outsideCode } from "./markdown.js";

// No spaces: the extractors take file names and test ids as single tokens, as the tools print them.
const EVIL = ["`](https://evil.example)`", "`@org/admins`", "``<img/src=x/onerror=alert(1)>``"];

function expectInert(text: string | undefined): void {
  expect(text).toBeDefined();
  const outside = outsideCode(text ?? "");
  expect(outside).not.toContain("evil.example");
  expect(outside).not.toContain("@org/admins");
  expect(outside).not.toContain("<img");
}

const pytestLog = (id: string) =>
  [
    "=================================== FAILURES ===================================",
    "E       assert 1 == 2",
    "tests/test_x.py:3: AssertionError",
    "=========================== short test summary info ============================",
    `FAILED tests/test_x.py::test_a${id} - assert 1 == 2`,
    "========================= 1 failed, 2 passed in 0.12s =========================",
  ].join("\n");

describe("diagnosis templates keep log-derived values inside code", () => {
  it.each(EVIL)("a pytest id with %j stays quoted in the cause and in the reproduce command", (evil) => {
    const d = diagnose(pytestLog(evil));
    expect(d?.signatureId).toBe("pytest-test-failure");
    expectInert(d?.rootCause);
    expectInert(d?.fix);
  });

  it.each(EVIL)("a mypy file name with %j stays quoted", (evil) => {
    const d = diagnose(`src/x${evil}.py:3: error: Incompatible types  [assignment]\nFound 1 error in 1 file`);
    expect(d?.signatureId).toBe("mypy-type-errors");
    expectInert(d?.rootCause);
  });

  it.each(EVIL)("a Python file name with %j in a syntax error stays quoted", (evil) => {
    const d = diagnose(
      `  File "app/x${evil}.py", line 3\n    print 'hi'\n    ^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?`,
    );
    expect(d?.signatureId).toBe("python-syntax-error");
    expectInert(d?.rootCause);
  });
});
