/**
 * hcl2json's Go parser recurses once per nesting level, and also once per link of a right-recursive
 * chain (`a ? b : c ? d : …`, `!!!x`, `- - -x`, `x[*][*]…`). Around a thousand levels it overflows the JS
 * stack inside the WASM module, and the next call aborts the whole process ("fatal error: malloc deadlock").
 * Real configurations stay far below this limit, so anything past it is refused before it reaches Go.
 */
export const MAX_NESTING = 100;

export interface TooDeep {
  line: number;
  column: number;
}

interface Frame {
  kind: "root" | "bracket" | "string" | "interpolation" | "heredoc";
  /** The opening character of a bracket frame: `{`, `[` or `(`. */
  open?: string;
  /** Chain links (`?`, unary `!`/`-`, splats) in the expression being read in this frame. */
  links: number;
  heredoc?: string;
}

// After one of these, a `-` or `!` is a unary operator (another level of recursion), not subtraction.
const BEFORE_UNARY = new Set([..."=([{,?:!-+*/%<>&|"]);
/**
 * Where a newline ends the expression being read: at the top level and directly inside `{ }` (block bodies
 * and object constructors, where HCL treats newlines as separators). Inside `( )`, `[ ]`, `{ for … }` and
 * `${ }` the parser skips newlines, so no line shape there may end a chain: the count depends on tokens only.
 */
function newlineEndsExpression(frame: Frame): boolean {
  return frame.kind === "root" || (frame.kind === "bracket" && frame.open === "{");
}

/** Where nesting first goes past `MAX_NESTING`, or null. A lexer just precise enough for that; never throws. */
export function findExcessiveNesting(
  content: string,
  json: boolean,
  limit: number = MAX_NESTING,
): TooDeep | null {
  const stack: Frame[] = [{ kind: "root", links: 0 }];
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let previous = "";
  const tooDeep = (at: number): TooDeep | null =>
    stack.length - 1 + depth > limit ? { line, column: at - lineStart + 1 } : null;
  const push = (kind: Frame["kind"], at: number, extra: Partial<Frame> = {}): TooDeep | null => {
    stack.push({ kind, links: 0, ...extra });
    return tooDeep(at);
  };
  const pop = (): void => {
    depth -= stack.pop()?.links ?? 0;
  };
  const link = (at: number): TooDeep | null => {
    const frame = stack[stack.length - 1];
    if (frame !== undefined) frame.links++;
    depth++;
    return tooDeep(at);
  };
  const resetLinks = (): void => {
    const frame = stack[stack.length - 1];
    if (frame !== undefined) {
      depth -= frame.links;
      frame.links = 0;
    }
  };
  // `%{ if }` / `%{ for }` open a level inside the template until their `%{ endif }` / `%{ endfor }`.
  const directive = (frame: Frame, after: string, at: number): TooDeep | null => {
    const keyword = /^~?\s*(if|for|endif|endfor)\b/.exec(after)?.[1];
    if (keyword === "if" || keyword === "for") return link(at);
    if ((keyword === "endif" || keyword === "endfor") && frame.links > 0) {
      frame.links--;
      depth--;
    }
    return null;
  };
  for (let i = 0; i < content.length; i++) {
    const char = content[i] ?? "";
    const top = stack[stack.length - 1] ?? { kind: "root", links: 0 };
    let found: TooDeep | null = null;
    if (char === "\n") {
      line++;
      lineStart = i + 1;
      if (top.kind === "heredoc" && lineAt(content, i + 1).trim() === top.heredoc) pop();
      else if (newlineEndsExpression(top)) resetLinks();
      continue;
    }
    if (top.kind === "string" || top.kind === "heredoc") {
      if (char === "\\" && top.kind === "string") i++;
      else if (char === '"' && top.kind === "string") {
        pop();
        previous = '"';
      } else if (
        !json &&
        (char === "$" || char === "%") &&
        content[i + 1] === "{" &&
        content[i - 1] !== char
      ) {
        if (char === "%") found = directive(top, content.slice(i + 2, i + 12), i);
        found ??= push("interpolation", i);
        i++;
        previous = "{";
      }
      if (found !== null) return found;
      continue;
    }
    if (char === " " || char === "\t" || char === "\r") continue;
    const pair = content.slice(i, i + 2);
    if (char === '"') found = push("string", i);
    else if (json) {
      if (char === "{" || char === "[") found = push("bracket", i, { open: char });
      else if (char === "}" || char === "]") pop();
    } else if (char === "#" || pair === "//") {
      const end = content.indexOf("\n", i);
      i = (end === -1 ? content.length : end) - 1;
      continue;
    } else if (pair === "/*") {
      const end = content.indexOf("*/", i + 2);
      const stop = end === -1 ? content.length : end + 2;
      for (let n = content.indexOf("\n", i); n !== -1 && n < stop; n = content.indexOf("\n", n + 1)) {
        line++;
        lineStart = n + 1;
      }
      i = stop - 1;
      continue;
    } else if (pair === "<<" && /^<<-?[A-Za-z_]/.test(content.slice(i, i + 4))) {
      const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*(?=\r?\n)/.exec(content.slice(i, i + 200));
      if (heredoc?.[1] !== undefined) {
        found = push("heredoc", i, { heredoc: heredoc[1] });
        i += heredoc[0].length - 1;
      }
    } else if (content.startsWith("[*]", i) || pair === ".*") {
      found = link(i);
      i += pair === ".*" ? 1 : 2;
    } else if (char === "{" || char === "[" || char === "(") {
      // `{ for … }` skips newlines like `( )` does; only a plain `{` body or object separates by them.
      const open = char === "{" && /^\{\s*for\s/.test(content.slice(i, i + 64)) ? "{for" : char;
      found = push("bracket", i, { open });
    } else if (char === "}" || char === "]" || char === ")") {
      if (top.kind === "bracket" || (top.kind === "interpolation" && char === "}")) pop();
    } else if (char === ",") resetLinks();
    else if (
      char === "?" ||
      ((char === "!" || char === "-") && (previous === "" || BEFORE_UNARY.has(previous)))
    ) {
      found = link(i);
    }
    if (found !== null) return found;
    previous = char;
  }
  return null;
}

function lineAt(content: string, start: number): string {
  const end = content.indexOf("\n", start);
  return content.slice(start, end === -1 ? content.length : end);
}
