import { z } from "zod";
import type { JobBase } from "../jobs/types.js";
import type { HandlerDeps, HandlerEvent } from "./types.js";

// Only the fields we rely on, checked once at the boundary. A payload missing them is logged and ignored.
const Account = z.object({ login: z.string().min(1), type: z.string() });

const Base = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) }),
  sender: Account,
});

export const IssueCommentPayload = Base.extend({
  issue: z.object({ number: z.number().int().positive(), pull_request: z.unknown().optional() }),
  comment: z.object({
    id: z.number().int().positive(),
    body: z.string().nullable(),
    user: Account.nullable(),
  }),
});

export const IssuePayload = Base.extend({
  issue: z.object({
    number: z.number().int().positive(),
    title: z.string(),
    body: z.string().nullable(),
    user: Account.nullable(),
    labels: z.array(z.object({ name: z.string() })).optional(),
    pull_request: z.unknown().optional(),
  }),
  label: z.object({ name: z.string() }).optional(),
});

export type IssueCommentPayload = z.infer<typeof IssueCommentPayload>;
export type IssuePayload = z.infer<typeof IssuePayload>;

/** Bots, including this app, never drive the agent: that is how comment loops start. */
export function isBot(account: { login: string; type: string } | null | undefined): boolean {
  return account == null || account.type === "Bot" || account.login.endsWith("[bot]");
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
}

/** The payload's fields we rely on, or undefined after logging which were missing or malformed. */
export function parsePayload<T>(schema: z.ZodType<T>, event: HandlerEvent): T | undefined {
  const parsed = schema.safeParse(event.payload);
  if (parsed.success) return parsed.data;
  event.log.warn(
    { delivery: event.id, problems: describeIssues(parsed.error) },
    "ignored: malformed payload",
  );
  return undefined;
}

interface EventSource {
  installation: { id: number };
  repository: { name: string; owner: { login: string } };
  sender: { login: string };
}

/** What every job carries, from the parts every event payload has, and the thread it talks back on. */
export function jobBase(
  event: HandlerEvent,
  deps: HandlerDeps,
  p: EventSource,
  thread: { number: number; isPullRequest: boolean },
): Omit<JobBase, "id"> {
  return {
    deliveryId: event.id,
    installationId: p.installation.id,
    owner: p.repository.owner.login,
    repo: p.repository.name,
    sender: p.sender.login,
    ...thread,
    receivedAt: deps.now(),
  };
}
