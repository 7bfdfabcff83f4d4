import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { BEDROCK_REGION, conversePath, scriptBedrock, useAwsEnv } from "../../helpers/bedrock.js";
import { sigV4Problem } from "../../helpers/sigv4.js";
import { client, conversation, ENV_KEY, ENV_SECRET, ENV_TOKEN, listFiles } from "./bedrock-fixture.js";

let restore: () => void = () => undefined;
afterEach(() => restore());

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
});
