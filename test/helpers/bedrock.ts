// A scripted Amazon Bedrock runtime: Converse answers in the real wire shape (REST-JSON), served through nock,
// recording every request as Bedrock would receive it.
import nock from "nock";

export const BEDROCK_REGION = "eu-west-1";
export const BEDROCK_MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
export const bedrockHost = (region = BEDROCK_REGION): string =>
  `https://bedrock-runtime.${region}.amazonaws.com`;
/** The SDK percent-encodes the model id in the path: `:` travels as `%3A`. */
export const conversePath = (model = BEDROCK_MODEL): string => `/model/${encodeURIComponent(model)}/converse`;

export type ConverseBlock =
  | { text: string }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: { text: string }[]; status?: string } };

export interface ConverseBody {
  messages: { role: "user" | "assistant"; content: ConverseBlock[] }[];
  system?: { text: string }[];
  toolConfig?: {
    tools: { toolSpec: { name: string; description: string; inputSchema: { json: unknown } } }[];
    toolChoice?: Record<string, unknown>;
  };
}

export interface BedrockTurn {
  /** Tool uses (input as an object, or anything else to simulate a malformed call). */
  uses?: { name: string; input: unknown }[];
  text?: string;
  stopReason?: string;
  usage?: { input: number; output: number };
  /** Answer with a Bedrock error instead: its type (ThrottlingException…), HTTP status and message. */
  error?: { type: string; status: number; message: string };
}

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent (nock parses JSON; serialised back it is byte-identical for the SDK's JSON). */
  raw: string;
  body: ConverseBody;
}

let useCounter = 0;

export function scriptBedrock(
  turns: readonly BedrockTurn[],
  options: { region?: string; model?: string } = {},
): Received[] {
  const received: Received[] = [];
  const scope = nock(bedrockHost(options.region));
  for (const turn of turns) {
    scope.post(conversePath(options.model)).reply(function reply(path, body) {
      const raw = typeof body === "string" ? body : JSON.stringify(body);
      received.push({ path, headers: { ...this.req.headers }, raw, body: JSON.parse(raw) as ConverseBody });
      if (turn.error !== undefined) {
        return [
          turn.error.status,
          { message: turn.error.message },
          {
            "content-type": "application/json",
            "x-amzn-errortype": `${turn.error.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
          },
        ];
      }
      return [200, converseAnswer(turn), { "content-type": "application/json" }];
    });
  }
  return received;
}

export function converseAnswer(turn: BedrockTurn): Record<string, unknown> {
  const uses = (turn.uses ?? []).map((u) => ({
    toolUse: { toolUseId: `tooluse_${++useCounter}`, name: u.name, input: u.input },
  }));
  const input = turn.usage?.input ?? 1200;
  const output = turn.usage?.output ?? 80;
  return {
    output: {
      message: { role: "assistant", content: [...(turn.text ? [{ text: turn.text }] : []), ...uses] },
    },
    stopReason: turn.stopReason ?? (uses.length > 0 ? "tool_use" : "end_turn"),
    usage: { inputTokens: input, outputTokens: output, totalTokens: input + output },
    metrics: { latencyMs: 420 },
  };
}

/** The tool results the client sent back in request `index`, in order, as text. */
export function toolResults(received: readonly Received[], index: number): string[] {
  const last = received[index]?.body.messages.at(-1);
  return (last?.content ?? []).flatMap((b) =>
    "toolResult" in b ? [b.toolResult.content.map((c) => c.text).join("")] : [],
  );
}

const AWS_KEYS = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_PROFILE",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
] as const;

/**
 * Sets the AWS part of the process environment the SDK's default credential chain reads, with no shared
 * config file or instance metadata to fall back on, and returns the function that puts it back.
 */
export function useAwsEnv(values: Partial<Record<(typeof AWS_KEYS)[number], string>>): () => void {
  const saved = AWS_KEYS.map((k) => [k, process.env[k]] as const);
  for (const key of AWS_KEYS) delete process.env[key];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    ...values,
  });
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
