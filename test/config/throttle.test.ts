// GITHUB_THROTTLE: Probot's client-side rate limiting stays on unless the operator turns it off by name.
import { describe, expect, it } from "@jest/globals";
import { EnvError, parseEnv, parseWorkerEnv } from "../../src/config/env.js";
import { jobSettingsFromEnv } from "../../src/config/job-settings.js";

const env = { APP_ID: "1", PRIVATE_KEY: "k", WEBHOOK_SECRET: "s" };

describe("GITHUB_THROTTLE", () => {
  it("is on by default for the server and the workers", () => {
    expect(jobSettingsFromEnv(parseEnv(env), "k", null, {}).throttle).toBe(true);
    const worker = parseWorkerEnv({ ...env, REDIS_URL: "redis://127.0.0.1:6379" });
    expect(jobSettingsFromEnv(worker, "k", null, {}).throttle).toBe(true);
  });

  it("turns off only on the word false", () => {
    expect(jobSettingsFromEnv(parseEnv({ ...env, GITHUB_THROTTLE: "false" }), "k", null, {}).throttle).toBe(
      false,
    );
    expect(() => parseEnv({ ...env, GITHUB_THROTTLE: "no" })).toThrow(EnvError);
  });
});
