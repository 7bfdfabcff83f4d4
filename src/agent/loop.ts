import {
  type ChatMessage,
  type LlmClient,
  LlmError,
  type ToolCall,
  type UsageMeter,
} from "../adapters/llm/index.js";
import { buildRequestMessage, buildSystemPrompt, type PromptContext } from "../core/prompt/index.js";
import type { Redactor } from "../core/redact/index.js";
import { type Budgets, budgetExceeded } from "./budget.js";
import { findingsText } from "./check.js";
import { TURN_LIMITS, WRITING_TOOLS } from "./limits.js";
import { type Session, ToolError } from "./session.js";
import { FinishSchema, TOOLS, toolByName } from "./tools/index.js";

export type LoopOutcome =
  | { done: true; summary: string; title: string | null; questions: string[] }
  | { done: false; reason: string };

export interface LoopInput {
  llm: LlmClient;
  session: Session;
  request: string;
  prompt: PromptContext;
  budgets: Budgets;
  meter: UsageMeter;
  now: () => number;
  /** Fenced documentation for the request's resource types, given before the first turn. */
  docsContext?: string | null;
  /** This repository's lessons, already fenced as data. */
  lessonsContext?: string | null;
}

const NO_TOOLS =
  "Your answer used no tool. Work only through tool calls, and end with `finish` (a summary for the reviewer).";
const NO_CHANGE =
  "No file has been changed. Make the change the request asks for, or call `finish` with `questions` if it is too vague.";

/** Every message is redacted right before it leaves: nothing the repo or a tool produced can carry a secret out. */
function outgoing(messages: readonly ChatMessage[], redactor: Redactor): ChatMessage[] {
  return messages.map((m) => {
    if (m.role === "assistant") {
      const toolCalls = (m.toolCalls ?? []).map((c) => ({ ...c, arguments: redactor.redact(c.arguments) }));
      return {
        role: "assistant",
        content: m.content === null ? null : redactor.redact(m.content),
        toolCalls,
      };
    }
    return { ...m, content: redactor.redact(m.content) };
  });
}

/** Asks the model, runs its tool calls, validates on `finish`, and stops at the first exhausted budget. */
export async function runModelLoop(input: LoopInput): Promise<LoopOutcome> {
  const { llm, session, budgets, meter } = input;
  const start = input.now();
  const messages: ChatMessage[] = [
    { role: "system", content: buildSystemPrompt(input.prompt) },
    { role: "user", content: buildRequestMessage(input.request) },
    ...(input.docsContext
      ? [
          {
            role: "user" as const,
            content: `Current documentation for the resources involved:\n${input.docsContext}`,
          },
        ]
      : []),
    ...(input.lessonsContext
      ? [
          {
            role: "user" as const,
            content: `What people taught the agent in this repository (defaults to prefer, within your rules):\n${input.lessonsContext}`,
          },
        ]
      : []),
  ];
  let malformed: string | null = null;
  let repairs = 0;
  for (;;) {
    const over = budgetExceeded(budgets, meter.snapshot(), input.now() - start);
    if (over !== null) return { done: false, reason: `stopped before finishing: ${over}` };
    let response;
    try {
      response = await llm.chat({
        messages: outgoing(messages, session.redactor),
        tools: TOOLS.map((t) => t.definition),
      });
    } catch (error) {
      if (error instanceof LlmError) return { done: false, reason: session.redactor.redact(error.message) };
      throw error;
    }
    meter.record(response.usage);
    messages.push({ role: "assistant", content: response.message.content, toolCalls: response.toolCalls });
    session.log.info(
      { event: "agent.llm_turn", tools: response.toolCalls.map((c) => c.name), usage: meter.snapshot() },
      "model turn",
    );

    const turn = await runCalls(response.toolCalls, session, messages);
    const problem = response.toolCalls.length === 0 ? NO_TOOLS : turn.malformed;
    if (problem !== null) {
      if (malformed !== null) {
        return {
          done: false,
          reason: `the model's answer was malformed again after being told once: ${problem}`,
        };
      }
      malformed = problem;
      if (response.toolCalls.length === 0) messages.push({ role: "user", content: NO_TOOLS });
      continue;
    }
    malformed = null;
    if (turn.finish === null) continue;

    const { call, summary, title, questions } = turn.finish;
    if (session.changes.size === 0) {
      if (questions.length > 0) return { done: true, summary, title, questions };
      messages.push({ role: "tool", toolCallId: call.id, content: NO_CHANGE });
    } else {
      const validation = await session.validate();
      if (validation.ok) return { done: true, summary, title, questions };
      messages.push({
        role: "tool",
        toolCallId: call.id,
        content: `The change does not validate, so it is not accepted. Fix every error, then call finish again:\n${findingsText(validation.findings)}`,
      });
    }
    repairs += 1;
    if (repairs > budgets.repairRounds) {
      return {
        done: false,
        reason: `the change still fails validation after ${budgets.repairRounds} repair rounds`,
      };
    }
  }
}

interface TurnResult {
  malformed: string | null;
  finish: { call: ToolCall; summary: string; title: string | null; questions: string[] } | null;
}

/** Runs the calls of one turn in order; `finish` is answered by the loop once validation has spoken. */
async function runCalls(
  calls: readonly ToolCall[],
  session: Session,
  messages: ChatMessage[],
): Promise<TurnResult> {
  const result: TurnResult = { malformed: null, finish: null };
  let run = 0;
  let writes = 0;
  for (const call of calls) {
    // Caps per turn: every call still gets its answer (the protocol wants one per call), but the excess
    // is not run, so one turn cannot write hundreds of files or spin the tools.
    const writing = WRITING_TOOLS.has(call.name);
    run += 1;
    if (run > TURN_LIMITS.maxCalls || (writing && writes >= TURN_LIMITS.maxWrites)) {
      const limit =
        run > TURN_LIMITS.maxCalls ? `${TURN_LIMITS.maxCalls} tool calls` : `${TURN_LIMITS.maxWrites} writes`;
      messages.push({
        role: "tool",
        toolCallId: call.id,
        content: `error: not run: at most ${limit} per turn`,
      });
      session.log.warn({ event: "agent.turn_limit", tool: call.name.slice(0, 60) }, `turn limit: ${limit}`);
      continue;
    }
    if (writing) writes += 1;
    const tool = toolByName(call.name);
    const parsed = tool?.parse(call.arguments) ?? {
      ok: false as const,
      error: `unknown tool "${call.name.slice(0, 60)}"; the tools are ${TOOLS.map((t) => t.definition.name).join(", ")}`,
    };
    if (!parsed.ok) {
      result.malformed = `${call.name.slice(0, 60)}: ${parsed.error}`;
      const content = `error: malformed call ${result.malformed}. Send it again with arguments that match the tool's schema.`;
      messages.push({ role: "tool", toolCallId: call.id, content });
      continue;
    }
    if (call.name === "finish") {
      const args = FinishSchema.parse(parsed.value);
      result.finish = {
        call,
        summary: args.summary,
        title: args.title ?? null,
        questions: args.questions ?? [],
      };
      continue;
    }
    messages.push({ role: "tool", toolCallId: call.id, content: await runTool(call, parsed.value, session) });
  }
  // A finish alongside a malformed call is not a finish: the model must first see its error.
  if (result.finish !== null && result.malformed !== null) {
    messages.push({
      role: "tool",
      toolCallId: result.finish.call.id,
      content: "not finished: fix the malformed call first",
    });
    result.finish = null;
  }
  return result;
}

async function runTool(call: ToolCall, args: unknown, session: Session): Promise<string> {
  const tool = toolByName(call.name);
  if (tool === undefined) return `error: unknown tool ${call.name}`;
  try {
    return await tool.run(args, session);
  } catch (error) {
    if (error instanceof ToolError) return `error: ${error.message}`;
    // An unexpected failure (a disk error) is the tool's, not the model's: say so and keep the run alive.
    const message = session.redactor.redact(error instanceof Error ? error.message : String(error));
    session.log.error({ event: "agent.tool_failed", tool: call.name, error: message }, "tool failed");
    return `error: ${call.name} failed: ${message}`;
  }
}
