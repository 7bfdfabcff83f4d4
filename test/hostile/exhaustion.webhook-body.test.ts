// Hostile uploads against the real server process on loopback: the body is capped before it is read, and
// the server's own peak memory (VmHWM from /proc) shows that nothing near the upload's size was held.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { existsSync } from "node:fs";
import { MAX_WEBHOOK_BYTES } from "../../src/body-limit.js";
import { sign } from "../helpers/server.js";
import { startServerProcess, type ServerProcess } from "./server-process.js";
import { upload } from "./stream.js";

const SECRET = "hostile-webhook-secret";
const MB = 1024 * 1024;
const FORGED = `sha256=${"0".repeat(64)}`;
const hasProc = existsSync("/proc/self/status");
if (!hasProc) console.warn("exhaustion.webhook-body: no /proc, memory figures are not checked");

let server: ServerProcess;
let baseline = 0;
beforeAll(async () => {
  server = await startServerProcess(SECRET);
  baseline = server.peakRss();
}, 30_000);
afterAll(async () => {
  await server.stop();
});

const headers = (extra: Record<string, string> = {}) => ({
  "content-type": "application/json",
  "x-github-event": "issue_comment",
  "x-github-delivery": "evil-upload",
  ...extra,
});
const hook = () => `${server.url}/api/github/webhooks`;
/** The server's peak memory never grew by more than `limit` bytes since it started. */
const expectPeakGrowthBelow = (limit: number) => {
  if (hasProc) expect(server.peakRss() - baseline).toBeLessThan(limit);
};

describe("webhook bodies are capped before they are read", () => {
  it("answers 413 to a forged 300 MB body announced by Content-Length, having read none of it", async () => {
    const result = await upload(
      hook(),
      headers({ "x-hub-signature-256": FORGED, "content-length": String(300 * MB) }),
      300 * MB,
    );
    expect(result.status).toBe(413);
    expect(result.sentBytes).toBeLessThan(64 * MB);
    expectPeakGrowthBelow(40 * MB);
  });

  it("cuts a forged chunked body (no Content-Length) at the cap: 413, never 300 MB in memory", async () => {
    const result = await upload(
      hook(),
      headers({ "x-hub-signature-256": FORGED, "transfer-encoding": "chunked" }),
      300 * MB,
    );
    expect(result.status).toBe(413);
    expect(result.body).toContain("larger than");
    expect(result.sentBytes).toBeLessThan(100 * MB);
    expectPeakGrowthBelow(2 * MAX_WEBHOOK_BYTES + 40 * MB);
  });

  it("refuses a correctly signed body over the cap too: GitHub never sends one", async () => {
    const body = Buffer.alloc(MAX_WEBHOOK_BYTES + 1, 0x20);
    const result = await upload(
      hook(),
      headers({
        "x-hub-signature-256": sign(body.toString(), SECRET),
        "content-length": String(body.length),
      }),
      body.length,
      body,
    );
    expect(result.status).toBe(413);
  });

  it("refuses a body with no signature with 400 before reading it", async () => {
    const result = await upload(hook(), headers({ "content-length": String(50 * MB) }), 50 * MB);
    expect(result.status).toBe(400);
    expect(result.body).toContain("x-hub-signature-256");
    expect(result.sentBytes).toBeLessThan(50 * MB);
  });

  it("refuses sha1, malformed and over-long signatures: only sha256 of this body is accepted", async () => {
    const body = Buffer.from(JSON.stringify({ zen: "hostile" }));
    for (const signature of [
      "sha1=0123456789abcdef0123456789abcdef01234567",
      "sha256=zz",
      `${sign(body.toString(), SECRET)}00`,
      sign(body.toString(), "another-secret"),
    ]) {
      const result = await upload(
        hook(),
        headers({ "x-hub-signature-256": signature, "content-length": String(body.length) }),
        body.length,
        body,
      );
      expect(result.status).toBe(400);
    }
  });

  it("still serves a genuine signed delivery after the refusals (the server is not wedged)", async () => {
    const body = Buffer.from(JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 }));
    const result = await upload(
      hook(),
      {
        ...headers({ "x-hub-signature-256": sign(body.toString(), SECRET) }),
        "x-github-event": "ping",
        "content-length": String(body.length),
        connection: "close",
      },
      body.length,
      body,
    );
    expect(result.status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
