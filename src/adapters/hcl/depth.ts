/**
 * hcl2json's Go parser recurses once per nesting level. Around a thousand levels it overflows the JS stack
 * inside the WASM module, and the next call aborts the whole process ("fatal error: malloc deadlock").
 * Real configurations nest a dozen levels, so anything past this limit is refused before it reaches Go.
 */
export const MAX_NESTING = 100;

export interface TooDeep {
  line: number;
  column: number;
}

type Frame = "bracket" | "string" | "interpolation" | { heredoc: string };

/**
 * Where nesting first goes past `MAX_NESTING`, or null. A lexer just precise enough to count brackets,
 * template interpolations, strings and heredocs while skipping comments; it never throws.
 */
export function findExcessiveNesting(content: string, json: boolean): TooDeep | null {
  const stack: Frame[] = [];
  let line = 1;
  let lineStart = 0;
  const push = (frame: Frame, at: number): TooDeep | null => {
    stack.push(frame);
    return stack.length > MAX_NESTING ? { line, column: at - lineStart + 1 } : null;
  };
  const newlinesUntil = (from: number, to: number): void => {
    for (let n = content.indexOf("\n", from); n !== -1 && n < to; n = content.indexOf("\n", n + 1)) {
      line++;
      lineStart = n + 1;
    }
  };
  for (let i = 0; i < content.length; i++) {
    const char = content[i];
    const top = stack[stack.length - 1];
    if (char === "\n") {
      line++;
      lineStart = i + 1;
      if (typeof top === "object" && lineAt(content, i + 1).trim() === top.heredoc) stack.pop();
      continue;
    }
    if (top === "string" || typeof top === "object") {
      if (char === "\\" && top === "string") i++;
      else if (char === '"' && top === "string") stack.pop();
      else if (!json && (char === "$" || char === "%") && content[i + 1] === "{") {
        if (content[i - 1] === char) continue;
        const deep = push("interpolation", i);
        if (deep !== null) return deep;
        i++;
      }
      continue;
    }
    const pair = content.slice(i, i + 2);
    if (char === '"') {
      const deep = push("string", i);
      if (deep !== null) return deep;
    } else if (char === "{" || char === "[" || char === "(") {
      const deep = push("bracket", i);
      if (deep !== null) return deep;
    } else if (char === "}" || char === "]" || char === ")") {
      if (top === "bracket" || (top === "interpolation" && char === "}")) stack.pop();
    } else if (json) {
      continue;
    } else if (char === "#" || pair === "//") {
      const end = content.indexOf("\n", i);
      i = (end === -1 ? content.length : end) - 1;
    } else if (pair === "/*") {
      const end = content.indexOf("*/", i + 2);
      const stop = end === -1 ? content.length : end + 2;
      newlinesUntil(i, stop);
      i = stop - 1;
    } else if (pair === "<<") {
      const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*(?=\r?\n)/.exec(content.slice(i, i + 200));
      if (heredoc?.[1] !== undefined) {
        stack.push({ heredoc: heredoc[1] });
        i += heredoc[0].length - 1;
      }
    }
  }
  return null;
}

function lineAt(content: string, start: number): string {
  const end = content.indexOf("\n", start);
  return content.slice(start, end === -1 ? content.length : end);
}
