import { z } from "zod";
import { docsPromptBlock } from "../../core/docs/prompt.js";
import {
  loadAwsProviderSchema,
  type BlockSchema,
  type TypeSchema,
} from "../../core/terraform/schema/index.js";
import { closestName } from "../../core/terraform/validate/suggest.js";
import { ToolError } from "../session.js";
import type { Session } from "../session.js";
import { defineTool } from "./define.js";

const MAX_NESTED = 25;

function describeBlock(block: BlockSchema, depth: number): string[] {
  const attributes = [...block.attributes.values()].map(
    (a) => `${"  ".repeat(depth)}${a.name}${a.required ? " (required)" : ""}: ${a.type}`,
  );
  const blocks = [...block.blocks.values()]
    .slice(0, MAX_NESTED)
    .flatMap((b) => [
      `${"  ".repeat(depth)}${b.name} { } block, ${b.nesting}${b.required || b.minItems > 0 ? ", required" : ""}`,
      ...(depth < 1 && !b.opaque ? describeBlock(b, depth + 1) : []),
    ]);
  return [...attributes, ...blocks];
}

function schemaEntry(type: string, session: Session): TypeSchema {
  const schema = session.providerSchema ?? loadAwsProviderSchema();
  const data = type.startsWith("data.");
  const name = data ? type.slice(5) : type;
  const found = data ? schema.dataSource(name) : schema.resource(name);
  if (found !== undefined) return found;
  const known = data ? schema.dataSourceTypes() : schema.resourceTypes();
  const closest = closestName(name, known);
  const words = name.replace(/^aws_/, "").split("_");
  const near = [
    ...new Set([
      ...(closest === null ? [] : [closest]),
      ...known.filter((t) => words.every((w) => t.includes(w))),
    ]),
  ].slice(0, 8);
  throw new ToolError(
    `${type} is not in the AWS provider schema (${schema.version.providerVersion})` +
      (near.length > 0 ? `; did you mean ${near.join(", ")}?` : ""),
  );
}

export const lookupDocs = defineTool({
  name: "lookup_docs",
  description:
    "Arguments and nested blocks of an AWS resource type (or data.<type>), with required ones marked, and its " +
    "documentation link. Use it before writing a resource you are unsure about.",
  schema: z.object({
    type: z
      .string()
      .regex(/^(?:data\.)?aws_[a-z0-9_]+$/, "a type such as aws_sqs_queue or data.aws_iam_policy_document"),
  }),
  async run({ type }, session) {
    const entry = schemaEntry(type, session);
    const live = session.docs === undefined ? null : await liveDocs(session, type);
    if (live !== null) return live;
    session.docsConsulted.set(entry.docUrl, `${type} (AWS provider schema, offline)`);
    return [`${type} — ${entry.docUrl}`, ...describeBlock(entry, 0)].join("\n");
  },
});

async function liveDocs(session: Session, type: string): Promise<string | null> {
  try {
    const docs = await session.docs?.retrieve(type, {
      types: [type.replace(/^data\./, "")],
      budgetBytes: session.docsBudgetBytes,
    });
    if (docs === undefined || docs.sections.length === 0) return null;
    for (const { title, url } of docs.consulted) session.docsConsulted.set(url, title);
    return session.redactor.redact(docsPromptBlock(docs));
  } catch (error) {
    // Live docs are a bonus; the bundled schema is the fallback, and the log says why.
    session.log.warn(
      { event: "agent.docs_failed", type, error: error instanceof Error ? error.message : "unknown" },
      "live docs failed",
    );
    return null;
  }
}
