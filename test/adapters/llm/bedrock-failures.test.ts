import { afterEach, describe, expect, it } from "@jest/globals";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { LlmError } from "../../../src/adapters/llm/index.js";
import { assumeRoleXml, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN } from "../../action/sts-xml.js";
import { BEDROCK_MODEL, BEDROCK_REGION, scriptBedrock, useAwsEnv } from "../../helpers/bedrock.js";
import { sigV4Problem } from "../../helpers/sigv4.js";
import { client, ENV_KEY, ENV_SECRET } from "./bedrock-fixture.js";

let restore: () => void = () => undefined;
afterEach(() => restore());

describe("createBedrockClient: throttling and missing credentials", () => {
  it("retries ThrottlingException (429) with backoff, then succeeds", async () => {
    restore = useAwsEnv({ AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: ENV_SECRET });
    const throttled = {
      type: "ThrottlingException",
      status: 429,
      message: "Too many tokens, please wait before trying again.",
    };
    scriptBedrock([{ error: throttled }, { error: throttled }, { text: "ok" }]);
    const { llm, waits } = client(3);
    const response = await llm.chat({ messages: [{ role: "user", content: "hi" }] });
    expect(response.message.content).toBe("ok");
    expect(waits).toEqual([500, 1000]);
  });

  it("gives up on throttling after the configured retries with a clear, retryable error", async () => {
    restore = useAwsEnv({ AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: ENV_SECRET });
    const throttled = {
      type: "ThrottlingException",
      status: 429,
      message: "Too many requests, please wait before trying again.",
    };
    scriptBedrock([{ error: throttled }, { error: throttled }, { error: throttled }]);
    const { llm, waits } = client(2);
    const failure = await llm.chat({ messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LlmError);
    expect(failure).toMatchObject({ status: 429, retryable: true });
    expect((failure as LlmError).message).toBe(
      `Bedrock Converse (${BEDROCK_MODEL} in ${BEDROCK_REGION}): ThrottlingException (HTTP 429) (Bedrock's tokens or requests per minute for this model are used up; ask for a quota increase or use a cross-region inference profile): Too many requests, please wait before trying again. (gave up after 3 attempts)`,
    );
    expect(waits).toEqual([500, 1000]);
  });

  it.each([
    [
      {
        type: "AccessDeniedException",
        status: 403,
        message: "You don't have access to the model with the specified model ID.",
      },
      /AccessDeniedException \(HTTP 403\) \(the role needs bedrock:InvokeModel on this model's ARN, and access to .* must be granted in the Bedrock console in eu-west-1\)/,
    ],
    [
      {
        type: "ValidationException",
        status: 400,
        message:
          "Invocation of model ID anthropic.claude-3-5-sonnet-20240620-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      },
      /set BEDROCK_MODEL_ID to its id, e.g. us.<model id>/,
    ],
    [
      { type: "ResourceNotFoundException", status: 404, message: "Model not found." },
      /check BEDROCK_MODEL_ID: no model anthropic.* in eu-west-1/,
    ],
    [
      {
        type: "UnrecognizedClientException",
        status: 403,
        message: "The security token included in the request is invalid.",
      },
      /the AWS credentials found were refused/,
    ],
  ])("fails at once with a message naming what to fix: %o", async (error, expected) => {
    restore = useAwsEnv({ AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: ENV_SECRET });
    scriptBedrock([{ error }]);
    const { llm, waits } = client(3);
    const failure = await llm.chat({ messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LlmError);
    expect((failure as LlmError).retryable).toBe(false);
    expect((failure as LlmError).status).toBe(error.status);
    expect((failure as LlmError).message).toMatch(expected);
    expect((failure as LlmError).message).not.toContain(ENV_SECRET);
    expect(waits).toEqual([]);
  });

  it("names the credential chain when no credentials are found, and sends nothing", async () => {
    restore = useAwsEnv({});
    const { llm } = client();
    const failure = await llm.chat({ messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LlmError);
    expect((failure as LlmError).retryable).toBe(false);
    expect((failure as LlmError).message).toMatch(
      /no usable AWS credentials from the default chain \(AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY, AWS_WEB_IDENTITY_TOKEN_FILE \+ AWS_ROLE_ARN, the ECS task role or an instance profile\)/,
    );
  });
});

describe("createBedrockClient with a web identity (IRSA)", () => {
  let dir = "";
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("exchanges the token file for role credentials at STS, signs with them, and redacts them", async () => {
    dir = await mkdtemp(join(tmpdir(), "irsa-"));
    const tokenFile = join(dir, "token");
    const jwt =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YWdlbnQ6ZGV2b3BzIn0.c2lnbmF0dXJl";
    await writeFile(tokenFile, jwt);
    restore = useAwsEnv({
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/devops-agent-bedrock",
      AWS_ROLE_SESSION_NAME: "devops-agent",
      AWS_REGION: BEDROCK_REGION,
    });
    const sts: string[] = [];
    nock(`https://sts.${BEDROCK_REGION}.amazonaws.com`)
      .post("/")
      .reply(
        200,
        (_uri, body) => {
          sts.push(
            typeof body === "string" ? body : new URLSearchParams(body as Record<string, string>).toString(),
          );
          // Credentials that expired already would be fetched again for the signature: these last an hour.
          const expires = new Date(Date.now() + 3_600_000).toISOString();
          return assumeRoleXml().replace(/<Expiration>[^<]+</, `<Expiration>${expires}<`);
        },
        { "content-type": "text/xml" },
      );
    const received = scriptBedrock([{ text: "ok" }]);
    const { llm, redactor } = client();
    await llm.chat({ messages: [{ role: "user", content: "hi" }] });

    const form = new URLSearchParams(sts[0]);
    expect(form.get("Action")).toBe("AssumeRoleWithWebIdentity");
    expect(form.get("RoleArn")).toBe("arn:aws:iam::123456789012:role/devops-agent-bedrock");
    expect(form.get("WebIdentityToken")).toBe(jwt);
    const [request] = received;
    expect(request?.headers["x-amz-security-token"]).toBe(SESSION_TOKEN);
    const signed = {
      method: "POST",
      path: request?.path ?? "",
      headers: request?.headers ?? {},
      body: request?.raw ?? "",
    };
    expect(
      sigV4Problem(signed, {
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET_ACCESS_KEY,
        region: BEDROCK_REGION,
        service: "bedrock",
      }),
    ).toBeNull();
    // Once found, the role's secrets cannot leave in anything we print.
    const leaked = redactor.redact(`secret=${SECRET_ACCESS_KEY} token=${SESSION_TOKEN}`);
    expect(leaked).not.toContain(SECRET_ACCESS_KEY);
    expect(leaked).not.toContain(SESSION_TOKEN);
  });
});
