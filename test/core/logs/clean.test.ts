import { describe, expect, it } from "@jest/globals";
import { cleanLine, looksBinary } from "../../../src/core/logs/index.js";

describe("cleanLine", () => {
  it("strips the runner timestamp and ANSI colours", () => {
    expect(cleanLine("2024-05-01T12:00:00.1234567Z \u001b[31m\u001b[1mError: \u001b[0mboom")).toBe(
      "Error: boom",
    );
  });

  it("strips a byte-order mark before the first timestamp and a trailing CR", () => {
    expect(cleanLine("\uFEFF2024-05-01T12:00:00.1234567Z hello\r")).toBe("hello");
  });

  it("removes Terraform's box borders and drops corner-only lines", () => {
    expect(cleanLine("│ Error: Unsupported argument")).toBe("Error: Unsupported argument");
    expect(cleanLine("│ ")).toBe("");
    expect(cleanLine("╷")).toBeNull();
    expect(cleanLine("╵")).toBeNull();
  });

  it("removes OSC hyperlinks and control characters", () => {
    expect(cleanLine("see \u001b]8;;https://x.test\u0007docs\u001b]8;;\u0007 now\u0000\u0007")).toBe(
      "see docs now",
    );
  });

  it("cuts very long lines", () => {
    const line = cleanLine("x".repeat(5000), 100);
    expect(line).toBe(`${"x".repeat(100)} …[line cut]`);
  });
});

describe("looksBinary", () => {
  it("flags mostly non-text samples and accepts text", () => {
    expect(looksBinary("\u0000\u0001\u0002abc\ufffd\ufffd")).toBe(true);
    expect(looksBinary("plain log line\twith a tab\n")).toBe(false);
    expect(looksBinary("")).toBe(false);
  });
});
