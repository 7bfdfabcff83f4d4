import { z } from "zod";
import type { ToolDefinition } from "../../adapters/llm/index.js";
import type { Session } from "../session.js";

export type ParseOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/** A tool with its argument schema erased, so tools of different shapes live in one list. */
export interface AgentTool {
  definition: ToolDefinition;
  parse(raw: string): ParseOutcome;
  run(args: unknown, session: Session): Promise<string>;
}

const MAX_ARGUMENT_CHARS = 300_000;

export function defineTool<S extends z.ZodType>(spec: {
  name: string;
  description: string;
  schema: S;
  run(args: z.output<S>, session: Session): Promise<string>;
}): AgentTool {
  const parameters = z.toJSONSchema(spec.schema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  delete parameters.$schema;
  return {
    definition: { name: spec.name, description: spec.description, parameters },
    parse(raw) {
      if (raw.length > MAX_ARGUMENT_CHARS)
        return { ok: false, error: `arguments longer than ${MAX_ARGUMENT_CHARS} characters` };
      let json: unknown;
      try {
        json = JSON.parse(raw === "" ? "{}" : raw);
      } catch (error) {
        return {
          ok: false,
          error: `arguments are not valid JSON (${error instanceof Error ? error.message : "parse error"})`,
        };
      }
      const parsed = spec.schema.safeParse(json);
      if (parsed.success) return { ok: true, value: parsed.data };
      const issue = parsed.error.issues[0];
      return { ok: false, error: `${issue?.path.join(".") || "arguments"}: ${issue?.message ?? "invalid"}` };
    },
    run: (args, session) => spec.run(args as z.output<S>, session),
  };
}
