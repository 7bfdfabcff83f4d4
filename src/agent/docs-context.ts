import { docsPromptBlock } from "../core/docs/prompt.js";
import type { Session } from "./session.js";

/**
 * Documentation for the resource types a request concerns, fetched before the model's first turn so it
 * writes against the current provider (not the one it was trained on). Null when there is no retriever or
 * nothing relevant; a failure only costs the context, never the run.
 */
export async function docsContextFor(session: Session, request: string): Promise<string | null> {
  if (session.docs === undefined) return null;
  try {
    const docs = await session.docs.retrieve(request, { budgetBytes: session.docsBudgetBytes });
    if (docs.sections.length === 0) return null;
    for (const { title, url } of docs.consulted) session.docsConsulted.set(url, title);
    return session.redactor.redact(docsPromptBlock(docs));
  } catch (error) {
    session.log.warn(
      { event: "agent.docs_failed", error: error instanceof Error ? error.message : "unknown" },
      "live docs for the request failed",
    );
    return null;
  }
}
