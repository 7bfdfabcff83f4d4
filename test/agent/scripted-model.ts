import nock from "nock";

/** One scripted answer of the model: tool calls (arguments as an object, or raw text to simulate bad JSON). */
export interface Turn {
  calls?: { name: string; args: Record<string, unknown> | string }[];
  content?: string;
  usage?: { prompt: number; completion: number };
  /** Answer with an HTTP error instead (429, 500…), with optional headers. */
  status?: number;
  headers?: Record<string, string>;
}

export interface ChatBody {
  model: string;
  messages: { role: string; content: string | null; tool_call_id?: string }[];
  tools?: { function: { name: string } }[];
}

export interface ScriptedModel {
  /** Every request body the endpoint received, parsed. */
  bodies: ChatBody[];
  /** The raw text of every request body, for "this string never left" assertions. */
  raw: string[];
}

let callCounter = 0;

/** Serves `turns` in order from a Chat Completions endpoint, through nock, recording what the client sent. */
export function scriptModel(
  turns: readonly Turn[],
  base = "https://api.openai.com",
  path = "/v1/chat/completions",
): ScriptedModel {
  const model: ScriptedModel = { bodies: [], raw: [] };
  const scope = nock(base);
  for (const turn of turns) {
    scope.post(path).reply(function reply(_uri, body) {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      model.raw.push(text);
      model.bodies.push(JSON.parse(text) as ChatBody);
      if (turn.status !== undefined) {
        return [
          turn.status,
          { error: { message: `scripted ${turn.status}`, type: "scripted" } },
          turn.headers ?? {},
        ];
      }
      return [200, completion(turn)];
    });
  }
  return model;
}

export function completion(turn: Turn): Record<string, unknown> {
  const calls = (turn.calls ?? []).map((call) => ({
    id: `call_${++callCounter}`,
    type: "function",
    function: {
      name: call.name,
      arguments: typeof call.args === "string" ? call.args : JSON.stringify(call.args),
    },
  }));
  return {
    id: "chatcmpl-scripted",
    object: "chat.completion",
    created: 1_760_000_000,
    model: "scripted",
    choices: [
      {
        index: 0,
        finish_reason: calls.length > 0 ? "tool_calls" : "stop",
        message: {
          role: "assistant",
          content: turn.content ?? null,
          ...(calls.length > 0 ? { tool_calls: calls } : {}),
        },
      },
    ],
    usage: {
      prompt_tokens: turn.usage?.prompt ?? 1000,
      completion_tokens: turn.usage?.completion ?? 100,
      total_tokens: (turn.usage?.prompt ?? 1000) + (turn.usage?.completion ?? 100),
    },
  };
}

/** Tool messages the client sent back in request `index`, in order. */
export function toolReplies(model: ScriptedModel, index: number): string[] {
  return (model.bodies[index]?.messages ?? []).filter((m) => m.role === "tool").map((m) => m.content ?? "");
}
