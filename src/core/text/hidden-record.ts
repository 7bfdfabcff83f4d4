import type { z } from "zod";

/**
 * A machine-readable record hidden in a comment or issue body: one line `<!-- devops-agent:NAME {json} -->`,
 * validated by its schema on the way out and on the way in. `<`, `>` and `-` are escaped inside the JSON so
 * no value can end the HTML comment early, and `@` so mention-neutralising never rewrites a value; JSON.parse
 * turns the escapes back. Reading gives null for a missing, malformed or out-of-schema record: the body is
 * text people (or other bots) can edit, so callers decide what to believe from where it came.
 */
export interface HiddenRecord<T> {
  render(value: T): string;
  read(body: string): T | null;
}

export function hiddenRecord<S extends z.ZodType>(name: string, schema: S): HiddenRecord<z.infer<S>> {
  const prefix = `<!-- devops-agent:${name} `;
  const line = new RegExp(`^<!-- devops-agent:${name} (\\{[^\\n]*\\}) -->$`, "m");
  return {
    render(value) {
      const json = JSON.stringify(schema.parse(value)).replace(
        /[<>@-]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      );
      return `${prefix}${json} -->`;
    },
    read(body) {
      const match = line.exec(body);
      if (!match?.[1]) return null;
      try {
        const parsed = schema.safeParse(JSON.parse(match[1]));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
  };
}
