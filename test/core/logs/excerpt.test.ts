import { describe, expect, it } from "@jest/globals";
import { excerptFromText } from "../../../src/core/logs/index.js";

const ts = (i: number): string => `2024-05-01T12:00:${String(i % 60).padStart(2, "0")}.1234567Z `;
const log = (lines: string[]): string => lines.map((line, i) => `${ts(i)}${line}`).join("\n");

function step(name: string, body: string[], exit?: number): string[] {
  const verdict = exit === undefined ? [] : [`##[error]Process completed with exit code ${exit}.`];
  return [`##[group]Run ${name}`, name, "shell: /usr/bin/bash -e {0}", "##[endgroup]", ...body, ...verdict];
}

describe("excerptFromText", () => {
  it("finds the failing step and keeps its header, the error and its context", () => {
    const excerpt = excerptFromText(
      log([
        ...step("actions/checkout@v4", ["Syncing repository: acme/infra"]),
        ...step(
          "terraform plan",
          [...Array.from({ length: 300 }, (_, i) => `noise ${i}`), "Error: boom", "detail"],
          1,
        ),
        "Post job cleanup.",
      ]),
    );
    expect(excerpt.failingStep).toBe("terraform plan");
    expect(excerpt.steps.map((s) => [s.name, s.errors])).toEqual([
      ["actions/checkout@v4", 0],
      ["terraform plan", 1],
    ]);
    expect(excerpt.lines.slice(0, 3)).toEqual([
      "##[group]Run terraform plan",
      "terraform plan",
      "shell: /usr/bin/bash -e {0}",
    ]);
    expect(excerpt.lines).toContain("Error: boom");
    expect(excerpt.lines).toContain("detail");
    expect(excerpt.lines).toContain("##[error]Process completed with exit code 1.");
    expect(excerpt.lines.some((l) => /^… \d+ lines omitted …$/.test(l))).toBe(true);
    expect(excerpt.truncated).toBe(true);
    expect(excerpt.text).not.toContain("noise 10\n");
  });

  it("keeps the lines just before the runner's verdict when no line looks like an error", () => {
    const body = Array.from({ length: 100 }, (_, i) => `output ${i}`);
    const excerpt = excerptFromText(log(step("make deploy", body, 2)));
    expect(excerpt.lines).toContain("output 99");
    expect(excerpt.lines).toContain("output 75");
    expect(excerpt.lines).not.toContain("output 10");
  });

  it("uses the end of the log when there is no error line at all", () => {
    const excerpt = excerptFromText(log(Array.from({ length: 500 }, (_, i) => `line ${i}`)));
    expect(excerpt.lines[excerpt.lines.length - 1]).toBe("line 499");
    expect(excerpt.lines.length).toBe(40);
    expect(excerpt.failingStep).toBeNull();
  });

  it("stays within its line and byte budget however many errors there are", () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `Error: failure number ${i} ${"x".repeat(200)}`);
    const excerpt = excerptFromText(log(step("pytest", many, 1)), { maxLines: 200, maxBytes: 32 * 1024 });
    expect(excerpt.lines.length).toBeLessThanOrEqual(200 + 20);
    expect(Buffer.byteLength(excerpt.text)).toBeLessThanOrEqual(32 * 1024 + 20 * 40);
    expect(excerpt.text).toContain("Error: failure number 0 ");
  });

  it("prefers the failing step's errors over errors in other steps", () => {
    const excerpt = excerptFromText(
      log([
        ...step("lint", ["Error: warning-level noise that did not fail the step"]),
        ...step("terraform apply", ["Error: the real failure"], 1),
      ]),
      { maxLines: 10 },
    );
    expect(excerpt.failingStep).toBe("terraform apply");
    expect(excerpt.text).toContain("Error: the real failure");
  });

  it("does not let a Run group without its end swallow the log", () => {
    const lines = [
      "##[group]Run broken",
      ...Array.from({ length: 300 }, (_, i) => `cmd ${i}`),
      "Error: after the header",
    ];
    expect(excerptFromText(log(lines)).text).toContain("Error: after the header");
  });

  it("reports an empty log", () => {
    for (const text of ["", "\n\n", log(["", "   "])]) {
      const excerpt = excerptFromText(text);
      expect(excerpt).toMatchObject({ empty: true, binary: false, lines: [], text: "" });
    }
  });

  it("reports binary garbage without returning it", () => {
    let seed = 7;
    const bytes = Buffer.from(
      Array.from({ length: 64 * 1024 }, () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed & 0xff;
      }),
    );
    const excerpt = excerptFromText(bytes.toString("utf8"));
    expect(excerpt.binary).toBe(true);
    expect(excerpt.lines).toEqual([]);
  });
});

describe("excerptFromText on long, noisy logs", () => {
  it("keeps the first and the last error across thousands of windows and many steps", () => {
    const lines: string[] = [];
    for (let s = 0; s < 50; s += 1) {
      lines.push(`##[group]Run step ${s}`, "##[endgroup]");
      for (let i = 0; i < 2000; i += 1)
        lines.push(i % 100 === 0 ? `Error: retry ${s}-${i}` : `work ${s}-${i}`);
    }
    lines.push("Error: the final failure", "##[error]Process completed with exit code 1.");
    const excerpt = excerptFromText(log(lines));
    expect(excerpt.failingStep).toBe("step 49");
    expect(excerpt.text).toContain("Error: the final failure");
    expect(excerpt.text).toContain("Error: retry 49-0");
    expect(excerpt.lines.length).toBeLessThanOrEqual(200);
  });

  it("handles CRLF line endings from Windows runners", () => {
    const excerpt = excerptFromText("2024-05-01T12:00:00.1Z Error: boom\r\n2024-05-01T12:00:00.2Z next\r\n");
    expect(excerpt.lines).toEqual(["Error: boom", "next"]);
  });
});
