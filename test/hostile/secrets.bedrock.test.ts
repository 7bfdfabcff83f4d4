import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { createBedrockClient, LlmError } from "../../src/adapters/llm/index.js";
import { runAgent } from "../../src/agent/index.js";
import { createRedactor } from "../../src/core/redact/index.js";
import { stsErrorXml } from "../action/sts-xml.js";
import { agentInput, demoWorkspace } from "../agent/workspace-helpers.js";
import { BEDROCK_MODEL, BEDROCK_REGION, scriptBedrock, toolResults, useAwsEnv } from "../helpers/bedrock.js";

// Shapes the redactor's patterns do not know on their own: only registering them keeps them in.
const SECRET = "evilSecretKeyWithNoKnownShape_0123456789";
const SESSION = "evil-session-token-that-matches-no-pattern-0123456789";

let restore: () => void = () => undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  restore();
  for (const c of cleanups.splice(0)) await c();
});

function bedrock(redactor = createRedactor()) {
  return createBedrockClient({
    region: BEDROCK_REGION,
    model: BEDROCK_MODEL,
    timeoutMs: 5000,
    maxRetries: 0,
    redactor,
  });
}

describe("hostile: AWS secrets around the Bedrock provider", () => {
  it("a Bedrock error that echoes the secret key and session token reaches no error message", async () => {
    restore = useAwsEnv({
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: SESSION,
    });
    scriptBedrock([
      {
        error: {
          type: "ValidationException",
          status: 400,
          message: `Malformed input near secret=${SECRET} token=${SESSION}`,
        },
      },
    ]);
    const failure = await bedrock()
      .chat({ messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LlmError);
    expect((failure as LlmError).message).toContain("ValidationException");
    expect((failure as LlmError).message).not.toContain(SECRET);
    expect((failure as LlmError).message).not.toContain(SESSION);
  });

  it("an STS refusal that echoes the web identity token reaches no error message", async () => {
    const dir = await mkdtemp(join(tmpdir(), "irsa-evil-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZXZpbCJ9.ZXZpbHNpZ25hdHVyZQ";
    await writeFile(join(dir, "token"), jwt);
    restore = useAwsEnv({
      AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, "token"),
      AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/devops-agent-bedrock",
      AWS_REGION: BEDROCK_REGION,
    });
    nock(`https://sts.${BEDROCK_REGION}.amazonaws.com`)
      .post("/")
      .reply(400, stsErrorXml("InvalidIdentityToken", `Token ${jwt} is not valid`), {
        "content-type": "text/xml",
      });
    const failure = await bedrock()
      .chat({ messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LlmError);
    expect((failure as LlmError).message).toContain("no usable AWS credentials from the default chain");
    expect((failure as LlmError).message).not.toContain(jwt);
  });

  it("the role's own session token in a repository file never reaches the model", async () => {
    const { dir, cleanup } = await demoWorkspace();
    cleanups.push(cleanup);
    await writeFile(join(dir, "LEAK.md"), `pasted by mistake: ${SESSION} and ${SECRET}\n`);
    restore = useAwsEnv({
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: SESSION,
    });
    const received = scriptBedrock([
      { uses: [{ name: "read_file", input: { path: "LEAK.md" } }] },
      { uses: [{ name: "finish", input: { summary: "nothing", questions: ["What should change?"] } }] },
    ]);
    const { input } = await agentInput(dir, "Tidy the notes.");
    await runAgent({ ...input, llm: bedrock(input.redactor) });
    expect(received).toHaveLength(2);
    expect(toolResults(received, 1)[0]).toContain("pasted by mistake: [REDACTED]");
    for (const request of received) {
      expect(request.raw).not.toContain(SESSION);
      expect(request.raw).not.toContain(SECRET);
    }
  });
});
