import { stripHiddenContent } from "./sanitize.js";
import type { AgentCommand, ParseResult, ParsedCommand } from "./types.js";

// A command line: up to three spaces of indent (four would be a markdown code block), then `/agent`
// as a whole word. Case-insensitive, as DESIGN.md §3 says.
const COMMAND_LINE = /^ {0,3}\/agent(?=\s|$)(.*)$/i;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const SAFE_DIR = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[\w.\-/]{1,200}$/;

/**
 * Finds the `/agent` commands in `text`. The rest of a command's line and the lines after it, up to the
 * next command, form its argument. Lines inside fenced code blocks and quoted replies are never commands.
 */
export function parseCommands(text: string): ParseResult {
  const lines = stripHiddenContent(text).split("\n");
  const found: { line: number; head: string; body: string[] }[] = [];
  let fence: string | null = null;

  lines.forEach((line, index) => {
    const fenceMatch = FENCE_OPEN.exec(line);
    const current = found.at(-1);
    if (fence !== null) {
      if (fenceMatch?.[1] && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length)
        fence = null;
      current?.body.push(line);
      return;
    }
    if (fenceMatch?.[1]) {
      fence = fenceMatch[1];
      current?.body.push(line);
      return;
    }
    const command = COMMAND_LINE.exec(line);
    if (command) found.push({ line: index + 1, head: (command[1] ?? "").trim(), body: [] });
    else current?.body.push(line);
  });

  const result: ParseResult = { commands: [], problems: [] };
  for (const entry of found) {
    const parsed = interpret(entry.head, entry.body.join("\n").trim());
    if ("problem" in parsed) result.problems.push({ line: entry.line, message: parsed.problem });
    else result.commands.push({ command: parsed, line: entry.line } satisfies ParsedCommand);
  }
  return result;
}

function interpret(head: string, body: string): AgentCommand | { problem: string } {
  const [word = "", ...restWords] = head.split(/\s+/).filter(Boolean);
  const rest = restWords.join(" ");
  const argument = [rest, body].filter(Boolean).join("\n").trim();
  switch (word.toLowerCase()) {
    case "":
      return body ? { name: "request", text: body } : { name: "help" };
    case "help":
    case "explain":
    case "fix":
    case "review":
    case "stats":
      return { name: word.toLowerCase() as "help" | "explain" | "fix" | "review" | "stats" };
    case "plan":
    case "apply": {
      const name = word.toLowerCase() as "plan" | "apply";
      if (!rest) return { name, dir: null };
      if (restWords.length > 1 || !SAFE_DIR.test(rest)) {
        return {
          problem: `\`/agent ${name}\` takes one relative directory inside the repository, not "${rest}".`,
        };
      }
      return { name, dir: rest.replace(/\/+$/, "") || "." };
    }
    case "setup":
      return { name: "setup" };
    case "lessons":
      return { name: "lessons" };
    case "forget":
      return restWords.length === 1 && /^[A-Za-z0-9_.:-]{1,120}$/.test(rest)
        ? { name: "forget", id: rest }
        : {
            problem:
              "`/agent forget` takes one lesson id, as `/agent lessons` lists them, e.g. `/agent forget set.aws_sqs_queue.visibility_timeout_seconds`.",
          };
    case "feedback":
      return argument
        ? { name: "feedback", text: argument }
        : { problem: "`/agent feedback` needs some text, e.g. `/agent feedback the bucket name was wrong`." };
    default:
      return { name: "request", text: [head, body].filter(Boolean).join("\n").trim() };
  }
}
