import { describe, expect, it } from "@jest/globals";
import { EXPORTED_STATE, runPost } from "../../action/src/cleanup.js";
import type { ActionsIO } from "../../action/src/io.js";
import { isRetryable, withRetry } from "../../action/src/retry.js";
import { errorExcerpt } from "../../action/src/terraform.js";
import { splitArgs } from "../../action/src/inputs.js";
import { eventRefusal } from "../../action/src/guard.js";

function recordingIO(state: Record<string, string>) {
  const exported: [string, string][] = [];
  const info: string[] = [];
  const io: ActionsIO = {
    info: (m) => info.push(m),
    warning: () => undefined,
    error: () => undefined,
    setSecret: () => undefined,
    setOutput: () => undefined,
    exportVariable: (name, value) => exported.push([name, value]),
    saveState: () => undefined,
    getState: (name) => state[name] ?? "",
    appendSummary: () => Promise.resolve(),
    setFailed: () => undefined,
  };
  return { io, exported, info };
}

describe("the post step", () => {
  it("blanks every AWS_* variable the main step exported, and nothing else", () => {
    const { io, exported, info } = recordingIO({
      [EXPORTED_STATE]: "AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,AWS_SESSION_TOKEN,AWS_REGION,PATH",
    });
    runPost(io);
    expect(exported).toEqual([
      ["AWS_ACCESS_KEY_ID", ""],
      ["AWS_SECRET_ACCESS_KEY", ""],
      ["AWS_SESSION_TOKEN", ""],
      ["AWS_REGION", ""],
    ]);
    expect(info).toEqual(["cleared AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION"]);
  });

  it("does nothing when the main step exported nothing", () => {
    const { io, exported, info } = recordingIO({});
    runPost(io);
    expect(exported).toEqual([]);
    expect(info).toEqual(["no AWS credentials were exported"]);
  });
});

describe("withRetry", () => {
  const named = (name: string) => Object.assign(new Error(name), { name });

  it("caps the backoff and gives up after the last attempt", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const attempt = withRetry(
      () => {
        calls += 1;
        return Promise.reject(named("Throttling"));
      },
      {
        attempts: 5,
        baseMs: 1000,
        capMs: 3000,
        random: () => 1,
        sleep: (ms) => Promise.resolve(void sleeps.push(ms)),
      },
    );
    await expect(attempt).rejects.toThrow("Throttling");
    expect(calls).toBe(5);
    expect(sleeps).toEqual([1000, 2000, 3000, 3000]);
  });

  it("retries throttling, 5xx and network failures, never AccessDenied or validation errors", () => {
    const withStatus = (name: string, status: number) =>
      Object.assign(named(name), { $metadata: { httpStatusCode: status } });
    for (const retried of [
      named("Throttling"),
      named("NetworkError"),
      named("InternalFailure"),
      withStatus("Unknown", 503),
      withStatus("UnknownError", 500),
    ])
      expect([retried.name, isRetryable(retried)]).toEqual([retried.name, true]);
    for (const final of [
      named("AccessDenied"),
      withStatus("AccessDeniedException", 500),
      named("ValidationError"),
      withStatus("ValidationError", 503),
      named("ExpiredTokenException"),
      withStatus("Unknown", 404),
      "Throttling",
    ])
      expect(isRetryable(final)).toBe(false);
  });

  it("does not retry other errors", async () => {
    let calls = 0;
    const attempt = withRetry(
      () => {
        calls += 1;
        return Promise.reject(named("ExpiredTokenException"));
      },
      { attempts: 5, baseMs: 1000, capMs: 3000, random: () => 1, sleep: () => Promise.resolve() },
    );
    await expect(attempt).rejects.toThrow("ExpiredTokenException");
    expect(calls).toBe(1);
  });
});

describe("inputs and guard", () => {
  it("splits arguments without a shell, honouring quotes", () => {
    expect(splitArgs(`-backend-config="key=a b" -var 'x=$(rm -rf /)' -lock=false`)).toEqual([
      "-backend-config=key=a b",
      "-var",
      "x=$(rm -rf /)",
      "-lock=false",
    ]);
  });

  it("runs on pull_request from this repository, push, workflow_dispatch and schedule; refuses the rest", () => {
    const base = { full_name: "acme/infra" };
    const samePr = { repository: base, pull_request: { number: 1, head: { repo: base } } };
    expect(eventRefusal("pull_request", samePr)).toBeUndefined();
    for (const name of ["push", "workflow_dispatch", "schedule"])
      expect(eventRefusal(name, { repository: base })).toBeUndefined();
    expect(
      eventRefusal("pull_request", {
        repository: base,
        pull_request: { number: 1, head: { repo: { full_name: "eve/infra" } } },
      }),
    ).toMatch(/^refusing to assume the role: this pull_request run would plan code from eve\/infra/);
    expect(
      eventRefusal("pull_request", { repository: base, pull_request: { number: 1, head: { repo: null } } }),
    ).toMatch(/code from a deleted fork/);
    for (const name of ["pull_request_target", "workflow_run", "issue_comment", undefined])
      expect(eventRefusal(name, samePr)).toMatch(/runs only on pull_request \(from this repository\), push/);
  });
});

describe("errorExcerpt", () => {
  it("strips every ANSI escape, not only colours", () => {
    const stderr =
      "\u001b[31mError:\u001b[0m bad\r\n\u001b[2K\u001b[1Gnext \u001b]8;;https://x.test\u0007link\u001b]8;;\u0007\n";
    expect(errorExcerpt(stderr)).toBe("Error: bad\nnext link");
  });
});
