import type {
  ContentBlock,
  ConverseCommandInput,
  Message,
  SystemContentBlock,
  ToolConfiguration,
} from "@aws-sdk/client-bedrock-runtime";
import type { DocumentType } from "@smithy/types";
import { z } from "zod";
import type { ChatMessage, ChatRequest, ChatResponse, ToolChoice, ToolDefinition } from "../types.js";

/**
 * Our chat request as a Converse request. Converse keeps system text apart, wants tool results as
 * `toolResult` blocks in a user turn, and refuses two turns of the same role in a row, so consecutive
 * messages of one role (tool results followed by a nudge, the request followed by docs) become one turn.
 */
export function toConverseInput(modelId: string, request: ChatRequest): ConverseCommandInput {
  const system: SystemContentBlock[] = request.messages
    .filter((m) => m.role === "system")
    .map((m) => ({ text: m.content }));
  const messages: Message[] = [];
  for (const message of request.messages) {
    if (message.role === "system") continue;
    const role = message.role === "assistant" ? "assistant" : "user";
    const blocks = toBlocks(message);
    const last = messages[messages.length - 1];
    if (last !== undefined && last.role === role) last.content = [...(last.content ?? []), ...blocks];
    else messages.push({ role, content: blocks });
  }
  // Converse has no "none" choice: the only way to forbid tool calls is to offer no tools.
  const choice = request.toolChoice ?? "auto";
  const tools = request.tools ?? [];
  const toolConfig = choice === "none" || tools.length === 0 ? null : toToolConfig(tools, choice);
  return {
    modelId,
    messages,
    ...(system.length === 0 ? {} : { system }),
    ...(toolConfig === null ? {} : { toolConfig }),
  };
}

function toBlocks(message: Exclude<ChatMessage, { role: "system" }>): ContentBlock[] {
  switch (message.role) {
    case "user":
      return [{ text: nonBlank(message.content) }];
    case "tool":
      return [
        { toolResult: { toolUseId: message.toolCallId, content: [{ text: nonBlank(message.content) }] } },
      ];
    case "assistant": {
      const text =
        message.content === null || message.content.trim() === "" ? [] : [{ text: message.content }];
      const uses: ContentBlock[] = (message.toolCalls ?? []).map((c) => ({
        toolUse: { toolUseId: c.id, name: c.name, input: replayInput(c.arguments) },
      }));
      const blocks = [...text, ...uses];
      return blocks.length > 0 ? blocks : [{ text: "(no answer)" }];
    }
  }
}

// Converse rejects empty text blocks.
function nonBlank(text: string): string {
  return text.trim() === "" ? "(empty)" : text;
}

/**
 * The arguments of a call we send back in the history. A call whose arguments were not a JSON object was
 * already answered with a "malformed call" tool result; Converse needs an object here, so it gets `{}`.
 */
function replayInput(args: string): DocumentType {
  try {
    const value: unknown = JSON.parse(args);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as DocumentType;
  } catch {
    // fall through
  }
  return {};
}

function toToolConfig(
  tools: readonly ToolDefinition[],
  choice: Exclude<ToolChoice, "none">,
): ToolConfiguration {
  return {
    tools: tools.map((t) => ({
      toolSpec: {
        name: t.name,
        description: t.description,
        inputSchema: { json: t.parameters as DocumentType },
      },
    })),
    toolChoice: choice === "required" ? { any: {} } : { auto: {} },
  };
}

const OutputSchema = z.object({
  output: z.object({
    message: z.object({
      role: z.literal("assistant"),
      content: z.array(
        z.object({
          text: z.string().optional(),
          toolUse: z
            .object({ toolUseId: z.string().min(1), name: z.string().min(1), input: z.unknown() })
            .optional(),
        }),
      ),
    }),
  }),
  stopReason: z.string(),
  usage: z.object({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0) }).optional(),
});

// The loop and the logs speak Chat Completions' words; Converse's are mapped onto them.
const STOP: Record<string, string> = {
  tool_use: "tool_calls",
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  guardrail_intervened: "content_filter",
  content_filtered: "content_filter",
};

/** Parses a Converse answer once; a missing piece is named in the error. */
export function fromConverseOutput(raw: unknown): ChatResponse | { error: string } {
  const parsed = OutputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `${issue?.path.join(".") || "response"}: ${issue?.message ?? "unexpected shape"}` };
  }
  const blocks = parsed.data.output.message.content;
  const texts = blocks.flatMap((b) => (b.text === undefined ? [] : [b.text]));
  return {
    message: { content: texts.length === 0 ? null : texts.join("\n") },
    toolCalls: blocks.flatMap((b) =>
      b.toolUse === undefined
        ? []
        : [{ id: b.toolUse.toolUseId, name: b.toolUse.name, arguments: argumentsText(b.toolUse.input) }],
    ),
    usage: {
      promptTokens: parsed.data.usage?.inputTokens ?? 0,
      completionTokens: parsed.data.usage?.outputTokens ?? 0,
    },
    finishReason: STOP[parsed.data.stopReason] ?? parsed.data.stopReason,
  };
}

// The loop parses arguments with each tool's schema; a model that sent text instead of an object gets that
// text checked (and refused) the same way as a bad OpenAI `arguments` string.
function argumentsText(input: unknown): string {
  if (typeof input === "string") return input;
  return JSON.stringify(input ?? null);
}
