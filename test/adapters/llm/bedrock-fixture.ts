// Shared by the Bedrock adapter tests: a client with recorded back-off waits, and a conversation with a tool call.
import { createBedrockClient, type ChatRequest } from "../../../src/adapters/llm/index.js";
import { createRedactor } from "../../../src/core/redact/index.js";
import { BEDROCK_MODEL, BEDROCK_REGION } from "../../helpers/bedrock.js";

export const ENV_KEY = "AKIAIOSFODNN7EXAMPLE";
export const ENV_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
export const ENV_TOKEN = "FwoGZXIvYXdzEXAMPLEenvSessionToken0123456789";

export function client(maxRetries = 2) {
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

export const listFiles = {
  name: "list_files",
  description: "List files under a directory",
  parameters: { type: "object", properties: { dir: { type: "string" } }, required: ["dir"] },
};

export const conversation: ChatRequest = {
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
