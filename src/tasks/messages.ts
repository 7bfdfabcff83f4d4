// What the agent says when it declines or fails. Kept together so the tone stays consistent.
import type { CommandName } from "../core/commands/index.js";
import type { PermissionLevel } from "../core/config/index.js";
import { inlineCode } from "../core/text/markdown.js";

export function refusalMessage(login: string, minimum: PermissionLevel): string {
  return [
    `Hi @${login} — thanks for trying devops-agent. I only take commands from people with at least`,
    `\`${minimum}\` access to this repository, so I won't act on this one.`,
    "",
    "A maintainer can run the command instead, or grant you access. I will not reply to further attempts on this thread.",
  ].join("\n");
}

export function unavailableMessage(name: CommandName, where: string | null): string {
  const what = name === "request" ? "Free-text requests" : `\`/agent ${name}\``;
  const reason = where ? `works on ${where} only` : "is not available in this installation yet";
  return `${what} ${reason}. Comment \`/agent help\` to see what I can do here.`;
}

export function failureMessage(what: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return [
    `### ❌ I could not finish \`${what}\``,
    "",
    `**What failed:** ${reason.split("\n")[0] ?? "unknown error"}`,
    "",
    "**What to try:** run the command again in a few minutes. If it keeps failing, check the app's logs for this",
    "delivery, or open an issue with this message.",
  ].join("\n");
}

/** A job whose worker died on every start (a crash, the memory limit): retrying it again would too. */
export function abandonedMessage(what: string, starts: number, delivery: string): string {
  return [
    `### ❌ I could not finish \`${what}\``,
    "",
    `**What failed:** the worker running it stopped ${starts} times before it finished (a crash or its memory`,
    "limit), so I gave it up rather than try again.",
    "",
    `**What to try:** check the worker logs for delivery ${inlineCode(delivery)}. Running the command again is likely to`,
    "fail the same way until the cause is fixed; a smaller request may get through.",
  ].join("\n");
}

export function problemsMessage(problems: { line: number; message: string }[]): string {
  return [
    "I could not read part of your command:",
    "",
    ...problems.map((p) => `- line ${p.line}: ${p.message}`),
  ].join("\n");
}
