import { describe, expect, it } from "@jest/globals";
import { clipWords } from "../../../src/core/text/clip.js";

describe("clipWords", () => {
  it("keeps short text whole, with its spaces folded", () => {
    expect(clipWords("allow  SSH\nfrom 10.0.0.0/8", 60)).toBe("allow SSH from 10.0.0.0/8");
  });

  it("cuts after the last whole word and says more was there", () => {
    expect(clipWords("Create a bastion EC2 instance with a security group that allows SSH", 60)).toBe(
      "Create a bastion EC2 instance with a security group that…",
    );
  });

  it("cuts a single word longer than the limit where the limit falls", () => {
    expect(clipWords("x".repeat(100), 10)).toBe(`${"x".repeat(10)}…`);
  });
});
