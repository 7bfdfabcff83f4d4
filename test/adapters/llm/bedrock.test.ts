import { afterEach, describe, expect, it } from "@jest/globals";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { createBedrockClient, LlmError, type ChatRequest } from "../../../src/adapters/llm/index.js";
import { createRedactor } from "../../../src/core/redact/index.js";
import { assumeRoleXml, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN } from "../../action/sts-xml.js";
import {
  BEDROCK_MODEL,
  BEDROCK_REGION,
  conversePath,
  scriptBedrock,
  useAwsEnv,
} from "../../helpers/bedrock.js";
import { sigV4Problem } from "../../helpers/sigv4.js";

const ENV_KEY = "AKIAIOSFODNN7EXAMPLE";
const ENV_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
const ENV_TOKEN = "FwoGZXIvYXdzEXAMPLEenvSessionToken0123456789";

let restore: () => void = () => undefined;
afterEach(() => restore());

function client(maxRetries = 2) {
  const waits: number[] = [];
  const redactor = createRedactor();
  const llm = createBedrockClient({
    region: BEDROCK_REGION,
    model: BEDROCK_MODEL,
    timeoutMs: 5_000,
    maxRetries,
    redactor,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  return { llm, waits, redactor };
}

const listFiles = {
  name: "list_files",
  description: "List files under a directory",
  parameters: { type: "object", properties: { dir: { type: "string" } }, required: ["dir"] },
};

const conversation: ChatRequest = {
  messages: [
    { role: "system", content: "You are careful." },
    { role: "user", content: "Add a bucket." },
    { role: "user", content: "Docs: aws_s3_bucket" },
    {
      role: "assistant",
      content: null,
      toolCalls: [{ id: "tu_1", name: "list_files", arguments: '{"dir":""}' }],
    },
    { role: "tool", toolCallId: "tu_1", content: "main.tf" },
    { role: "user", content: "Use a tool." },
  ],
  tools: [listFiles],
};

describe("createBedrockClient (Converse over HTTP)", () => {
  it("sends a SigV4-signed Converse request in Bedrock's shape and reads tool use and usage back", async () => {
    restore = useAwsEnv({
      AWS_ACCESS_KEY_ID: ENV_KEY,
      AWS_SECRET_ACCESS_KEY: ENV_SECRET,
      AWS_SESSION_TOKEN: ENV_TOKEN,
    });
    const received = scriptBedrock([
      {
        text: "Looking.",
        uses: [{ name: "list_files", input: { dir: "modules" } }],
        usage: { input: 321, output: 12 },
      },
    ]);
    const { llm } = client();
    const response = await llm.chat(conversation);

    expect(response).toEqual({
      message: { content: "Looking." },
      toolCalls: [
        { id: expect.stringMatching(/^tooluse_/), name: "list_files", arguments: '{"dir":"modules"}' },
      ],
      usage: { promptTokens: 321, completionTokens: 12 },
      finishReason: "tool_calls",
    });
    const [request] = received;
    expect(request?.path).toBe(conversePath());
    expect(request?.path).toContain("-v1%3A0/converse");
    expect(request?.body).toEqual({
      system: [{ text: "You are careful." }],
      messages: [
        { role: "user", content: [{ text: "Add a bucket." }, { text: "Docs: aws_s3_bucket" }] },
        {
          role: "assistant",
          content: [{ toolUse: { toolUseId: "tu_1", name: "list_files", input: { dir: "" } } }],
        },
        {
          role: "user",
          content: [
            { toolResult: { toolUseId: "tu_1", content: [{ text: "main.tf" }] } },
            { text: "Use a tool." },
          ],
        },
      ],
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: "list_files",
              description: listFiles.description,
              inputSchema: { json: listFiles.parameters },
            },
          },
        ],
        toolChoice: { auto: {} },
      },
    });
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-amz-security-token"]).toBe(ENV_TOKEN);
    const signed = {
      method: "POST",
      path: request?.path ?? "",
      headers: request?.headers ?? {},
      body: request?.raw ?? "",
    };
    expect(
      sigV4Problem(signed, {
        accessKeyId: ENV_KEY,
        secretAccessKey: ENV_SECRET,
        region: BEDROCK_REGION,
        service: "bedrock",
      }),
    ).toBeNull();
    // The checker is not a rubber stamp: a changed body or another secret fails it.
    expect(
      sigV4Problem(
        { ...signed, body: `${signed.body} ` },
        { accessKeyId: ENV_KEY, secretAccessKey: ENV_SECRET, region: BEDROCK_REGION, service: "bedrock" },
      ),
    ).toMatch(/does not match/);
    expect(
      sigV4Problem(signed, {
        accessKeyId: ENV_KEY,
        secretAccessKey: "other",
        region: BEDROCK_REGION,
        service: "bedrock",
      }),
    ).toMatch(/does not match/);
  });

  it("asks for any tool when a tool is required and offers no tools when none may be used", async () => {
    restore = useAwsEnv({ AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: ENV_SECRET });
    const received = scriptBedrock([
      { uses: [{ name: "list_files", input: { dir: "" } }] },
      { text: "plain" },
    ]);
    const { llm } = client();
    const ask = { messages: [{ role: "user" as const, content: "hi" }], tools: [listFiles] };
    await llm.chat({ ...ask, toolChoice: "required" });
    const plain = await llm.chat({ ...ask, toolChoice: "none" });
    expect(received[0]?.body.toolConfig?.toolChoice).toEqual({ any: {} });
    expect(received[1]?.body.toolConfig).toBeUndefined();
    expect(received[1]?.headers["x-amz-security-token"]).toBeUndefined();
    expect(plain).toMatchObject({ message: { content: "plain" }, toolCalls: [], finishReason: "stop" });
  });

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

  it("hands a tool use whose input is not an object back as raw text, for the tool's schema to refuse", async () => {
    restore = useAwsEnv({ AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: ENV_SECRET });
    scriptBedrock([
      {
        uses: [
          { name: "list_files", input: '{"dir": "modu' },
          { name: "list_files", input: [1] },
        ],
      },
    ]);
    const { llm } = client();
    const response = await llm.chat({ messages: [{ role: "user", content: "hi" }], tools: [listFiles] });
    expect(response.toolCalls.map((c) => c.arguments)).toEqual(['{"dir": "modu', "[1]"]);
  });

  it("replays a malformed call as an empty input object, as Converse requires", async () => {
    restore = useAwsEnv({ AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: ENV_SECRET });
    const received = scriptBedrock([{ text: "ok" }]);
    const { llm } = client();
    await llm.chat({
      messages: [
        { role: "user", content: "hi" },
        {
          role: "assistant",
          content: "",
          toolCalls: [{ id: "t1", name: "list_files", arguments: '{"dir": "mo' }],
        },
        { role: "tool", toolCallId: "t1", content: "error: malformed call" },
      ],
      tools: [listFiles],
    });
    expect(received[0]?.body.messages[1]).toEqual({
      role: "assistant",
      content: [{ toolUse: { toolUseId: "t1", name: "list_files", input: {} } }],
    });
  });

  it("says which shape was unexpected when the answer is not a Converse answer", async () => {
    restore = useAwsEnv({ AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: ENV_SECRET });
    nock(`https://bedrock-runtime.${BEDROCK_REGION}.amazonaws.com`)
      .post(conversePath())
      .reply(200, { output: {}, stopReason: "end_turn" }, { "content-type": "application/json" });
    const { llm } = client();
    await expect(llm.chat({ messages: [{ role: "user", content: "hi" }] })).rejects.toThrow(
      /unexpected response: output.message: /,
    );
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
