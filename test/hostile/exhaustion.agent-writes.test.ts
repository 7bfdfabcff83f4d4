import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { runAgent } from "../../src/agent/index.js";
import { CHANGE_LIMITS, TURN_LIMITS } from "../../src/agent/limits.js";
import { scriptModel, toolReplies, type Turn } from "../agent/scripted-model.js";
import { agentInput, demoWorkspace } from "../agent/workspace-helpers.js";

// A model steered by hostile text (or simply looping) tries to flood the change: too many calls in one
// turn, too many files or bytes in one change, binary or smuggling content. Each case asserts that the
// excess never reaches the disk and that the model is told why.

let dir = "";
let cleanup: () => Promise<void> = () => Promise.resolve();
beforeEach(async () => {
  ({ dir, cleanup } = await demoWorkspace());
});
afterEach(() => cleanup());

const write = (path: string, content: string) => ({ name: "write_file", args: { path, content } });
const giveUp: Turn = { calls: [{ name: "finish", args: { summary: "stopping", questions: ["stop?"] } }] };

async function run(turns: Turn[]) {
  const model = scriptModel(turns);
  const { input } = await agentInput(dir, "Add notes files.", { llm: "scripted" });
  const result = await runAgent(input);
  return { model, result };
}

async function notes(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith("note-")).sort();
}

describe("agent writes are capped per turn and per change, text only", () => {
  it("runs at most the per-turn number of writes from one turn of 3,000 write calls", async () => {
    const calls = Array.from({ length: 3000 }, (_, i) => write(`note-${i}.md`, `note ${i}\n`));
    const { model } = await run([{ calls }, giveUp]);
    expect((await notes()).length).toBe(TURN_LIMITS.maxWrites);
    const replies = toolReplies(model, 1);
    expect(replies).toHaveLength(3000);
    expect(replies.at(-1)).toBe(`error: not run: at most ${TURN_LIMITS.maxCalls} tool calls per turn`);
    expect(replies[TURN_LIMITS.maxWrites]).toBe(
      `error: not run: at most ${TURN_LIMITS.maxWrites} writes per turn`,
    );
  });

  it("runs at most the per-turn number of calls even when they only read", async () => {
    const calls = Array.from({ length: 200 }, () => ({ name: "read_file", args: { path: "main.tf" } }));
    const { model } = await run([{ calls }, giveUp]);
    const replies = toolReplies(model, 1);
    expect(replies.filter((r) => r.startsWith("error: not run")).length).toBe(200 - TURN_LIMITS.maxCalls);
  });

  it("refuses the file past the per-change file count, over many turns", async () => {
    const turns: Turn[] = [];
    for (let t = 0; t * TURN_LIMITS.maxWrites < CHANGE_LIMITS.maxFiles + 5; t++) {
      turns.push({
        calls: Array.from({ length: TURN_LIMITS.maxWrites }, (_, i) =>
          write(`note-${t * TURN_LIMITS.maxWrites + i}.md`, "x\n"),
        ),
      });
    }
    const { model, result } = await run([...turns, giveUp]);
    expect((await notes()).length).toBe(CHANGE_LIMITS.maxFiles);
    const last = toolReplies(model, turns.length).join("\n");
    expect(last).toContain("the most one change may write");
    expect(result.refusals.some((r) => r.reason.includes("the most one change may write"))).toBe(true);
  });

  it("refuses a write that takes the change past its byte budget, and keeps what was within it", async () => {
    // Each write may hold 200,000 characters; eleven of them are over the 2 MiB a change may write.
    const file = "z".repeat(195_000);
    const calls = Array.from({ length: 11 }, (_, i) => write(`note-${String(i).padStart(2, "0")}.md`, file));
    const { model } = await run([{ calls }, giveUp]);
    expect((await notes()).length).toBe(10);
    expect(toolReplies(model, 1)[10]).toContain(
      `over the ${CHANGE_LIMITS.maxBytes} bytes one change may write`,
    );
  });

  it("counts a rewritten file once, at its latest size", async () => {
    // Ten files of 200,000 characters are 2,000,000 bytes; rewriting one must not count it twice.
    const file = "y".repeat(200_000);
    const calls = Array.from({ length: 10 }, (_, i) => write(`note-${i}.md`, file));
    const { model } = await run([{ calls: [...calls, write("note-0.md", file)] }, giveUp]);
    expect(toolReplies(model, 1).filter((r) => r.startsWith("error"))).toEqual([]);
  });

  it.each([
    ["a NUL byte", "resource \u0000 {}\n", "binary content"],
    ["a lone surrogate", 'name = "\uD800"\n', "not well-formed Unicode"],
    ["an escape sequence", "# \u001b[2J cleared\n", "control character U+001B"],
    ["a bell", "# \u0007\n", "control character U+0007"],
    [
      "a right-to-left override (Trojan Source)",
      'x = "admin\u202E // user"\n',
      "bidirectional control U+202E",
    ],
    ["a first-strong isolate", "# \u2068hidden\u2069\n", "bidirectional control U+2068"],
    ["an Arabic letter mark", "# \u061C\n", "bidirectional control U+061C"],
  ])("refuses content with %s and writes nothing", async (_name, content, reason) => {
    const { model, result } = await run([{ calls: [write("note-x.tf", content)] }, giveUp]);
    expect(await notes()).toEqual([]);
    expect(toolReplies(model, 1)[0]).toContain(reason);
    expect(result.files).toEqual([]);
  });

  it("still writes text with tabs, CRLF line ends and form feeds", async () => {
    const content = "line one\r\n\tindented\r\n\fpage\n";
    const { model } = await run([{ calls: [write("note-ok.md", content)] }, giveUp]);
    expect(toolReplies(model, 1)[0]).toContain("created note-ok.md");
    expect(await readFile(join(dir, "note-ok.md"), "utf8")).toBe(content);
  });
});
