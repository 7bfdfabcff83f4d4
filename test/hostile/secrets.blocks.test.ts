import { Readable } from "node:stream";
import { describe, expect, it } from "@jest/globals";
import { commentFor } from "../../action/src/report.js";
import { errorExcerpt } from "../../action/src/terraform.js";
import { excerptFromStream } from "../../src/adapters/logs/index.js";
import { diagnose, renderDiagnosisReport, unmatchedDiagnosis } from "../../src/core/diagnosis/index.js";
import { REDACTED, redact } from "../../src/core/redact/index.js";
import { runCli } from "../helpers/cli.js";
import { bodyLines, leakedPieces, opensshKey, pemKey, pgpKey } from "./evil-keys.js";

const RSA = pemKey("RSA PRIVATE KEY", "evil-rsa");
const PKCS8 = pemKey("PRIVATE KEY", "evil-pkcs8");
const EC = pemKey("EC PRIVATE KEY", "evil-ec");
const SSH = opensshKey("evil-ssh");
const PGP = pgpKey("evil-pgp");

/** The key's lines from the `from`-th body line on: what a window that began mid-key shows. */
function fromMiddle(key: string, from = 5): string {
  const lines = key.split("\n");
  const first = lines.indexOf(bodyLines(key)[from] ?? "");
  return lines.slice(first).join("\n");
}

describe("hostile: redaction sees whole key blocks", () => {
  it.each([
    ["PEM RSA", RSA],
    ["PKCS#8", PKCS8],
    ["EC", EC],
    ["OpenSSH", SSH],
    ["PGP", PGP],
  ])("removes a whole %s block and keeps the text around it", (_kind, key) => {
    const out = redact(`before\n${key}\nafter`);
    expect(leakedPieces(key, out)).toEqual([]);
    expect(out).toBe(`before\n${REDACTED}\nafter`);
  });

  it.each([
    ["PEM RSA", RSA],
    ["OpenSSH", SSH],
    ["PGP", PGP],
  ])("removes a %s body whose BEGIN line is outside the window", (_kind, key) => {
    const out = redact(`Run cat deploy-key\n${fromMiddle(key)}\nError: permission denied`);
    expect(leakedPieces(key, out)).toEqual([]);
    expect(out).toContain("Error: permission denied");
  });

  it("removes a body cut off at both ends (no BEGIN, no END in the window)", () => {
    const lines = bodyLines(RSA).slice(3, 9);
    const out = redact(["step output:", ...lines, "next step"].join("\n"));
    expect(leakedPieces(RSA, out)).toEqual([]);
    expect(out).toBe(`step output:\n${REDACTED}\nnext step`);
  });

  it("removes body lines carrying log prefixes (indentation, quotes, box characters)", () => {
    const lines = bodyLines(SSH).slice(0, 4);
    const text = [`    ${lines[0]}`, `"${lines[1]}",`, `│ ${lines[2]}`, `> ${lines[3]}`].join("\n");
    expect(leakedPieces(SSH, redact(text))).toEqual([]);
  });

  it("removes a key escaped onto one line in JSON, even when its END is cut off", () => {
    const escaped = RSA.replace(/\n/g, "\\n");
    const json = `{"private_key": "${escaped.slice(0, 600)}`;
    expect(leakedPieces(RSA, redact(json).replace(/\\n/g, "\n"))).toEqual([]);
    const bodyOnly = escaped.slice(escaped.indexOf("\\n", 80) + 2, 900);
    expect(leakedPieces(RSA, redact(`"key": "${bodyOnly}"`).replace(/\\n/g, "\n"))).toEqual([]);
  });

  it("keeps certificate bodies (public) and git SHA lists", () => {
    const cert = pemKey("CERTIFICATE", "public-cert");
    expect(redact(cert)).toBe(cert);
    const shas = [
      "4f2a9c0e1b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e",
      "0a1d2e3f4a5b6c7d8e4f2a9c0e1b7d3a5f6e8c9b",
    ].join("\n");
    expect(redact(shas)).toBe(shas);
  });
});

const logWithKey = (key: string, filler = 400) =>
  [
    "2026-01-01T00:00:00.0000000Z ##[group]Run ./deploy.sh",
    ...Array.from({ length: filler }, (_, i) => `2026-01-01T00:00:01.0000000Z building step ${i}`),
    ...key.split("\n").map((line) => `2026-01-01T00:00:02.0000000Z ${line}`),
    "2026-01-01T00:00:03.0000000Z Error: Permission denied (publickey).",
    "2026-01-01T00:00:03.0000000Z ##[error]Process completed with exit code 255.",
  ].join("\n");

describe("hostile: key blocks in CI logs never reach a diagnosis", () => {
  it("the excerpt of a streamed log holds no piece of a key printed before the error", async () => {
    const excerpt = await excerptFromStream(Readable.from([Buffer.from(logWithKey(RSA))]));
    const text = redact(excerpt.text);
    expect(leakedPieces(RSA, text)).toEqual([]);
    expect(text).toContain("Permission denied");
  });

  it("diagnosis evidence that starts inside a key body holds no piece of it", () => {
    const d =
      diagnose(fromMiddle(SSH, 2) + "\nError: error configuring S3 Backend: no valid credential sources") ??
      unmatchedDiagnosis({ text: fromMiddle(SSH, 2) });
    expect(leakedPieces(SSH, JSON.stringify(d))).toEqual([]);
  });

  it("the diagnosis comment for a log that printed a PGP key holds no piece of it", async () => {
    const excerpt = await excerptFromStream(Readable.from([Buffer.from(logWithKey(PGP, 20))]));
    const d = diagnose(excerpt) ?? unmatchedDiagnosis(excerpt);
    const body = renderDiagnosisReport([{ job: "deploy", failingStep: excerpt.failingStep, diagnosis: d }]);
    expect(leakedPieces(PGP, body)).toEqual([]);
  });

  it("`devops-agent diagnose -` prints no piece of a key, in JSON or for humans", async () => {
    for (const args of [
      ["diagnose", "-", "--json"],
      ["diagnose", "-"],
    ]) {
      const result = await runCli(args, { stdin: logWithKey(PKCS8, 50) });
      expect(result.code).toBe(0);
      expect(leakedPieces(PKCS8, result.stdout + result.stderr)).toEqual([]);
    }
  });
});

describe("hostile: the Action's stderr tail is redacted before it is cut", () => {
  const stderr = (key: string) =>
    [
      "Initializing the backend...",
      key,
      ...Array.from({ length: 40 }, (_, i) => `│ provider log line ${i}`),
      "│ Error: failed to read private key",
    ].join("\n");

  it("a tail that begins inside a key block holds no piece of it", () => {
    // 60 lines of tail: the BEGIN line of the 19-line body is cut away, the body lines are not.
    const tail = errorExcerpt(stderr(RSA), 60);
    expect(tail).not.toContain("BEGIN RSA");
    expect(leakedPieces(RSA, tail)).toEqual([]);
    expect(tail).toContain("Error: failed to read private key");
  });

  it("the failure comment holds no piece of an OpenSSH key from stderr", () => {
    const excerpt = errorExcerpt(stderr(SSH), 45);
    const body = commentFor({ root: "prod", failure: { step: "plan", code: 1, excerpt } }, redact);
    expect(leakedPieces(SSH, body)).toEqual([]);
    expect(body).toContain("failed to read private key");
  });

  it("a token straddling the character cut of the tail is not left half", () => {
    const token = `ghs_${"Ab1".repeat(20)}`;
    const text = `${"x".repeat(390)} token=${token}\nError: boom`;
    const tail = errorExcerpt(text, 60, 8_000);
    expect(tail).not.toMatch(/ghs_|Ab1Ab1/);
  });
});
