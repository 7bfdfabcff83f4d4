import type { DocsClient } from "../../adapters/docs/index.js";
import type { Diagnosis } from "../../core/diagnosis/index.js";
import { findArgument } from "../../core/docs/lookup.js";
import { describeAction } from "../../core/docs/services.js";
import type { Log } from "../types.js";

/**
 * Adds what the current documentation says to a diagnosis: the argument reference for an invalid
 * argument, and the resource types an IAM action applies to for an AccessDenied. Docs are a bonus: any
 * failure leaves the diagnosis as it was.
 */
export async function withDocs(diagnosis: Diagnosis, docs: DocsClient | null, log: Log): Promise<Diagnosis> {
  if (docs === null) return diagnosis;
  try {
    if (diagnosis.category === "invalid_argument") return await argumentReference(diagnosis, docs);
    if (diagnosis.category === "permissions_iam") return await actionReference(diagnosis, docs);
  } catch (error) {
    log.warn(
      { event: "diagnosis.docs_failed", error: error instanceof Error ? error.message : "unknown" },
      "docs lookup failed",
    );
  }
  return diagnosis;
}

async function argumentReference(diagnosis: Diagnosis, docs: DocsClient): Promise<Diagnosis> {
  const type = diagnosis.specifics["resourceType"];
  const argument = diagnosis.specifics["argument"];
  if (!type || !argument) return diagnosis;
  const page = await docs.resourceDoc(type);
  const link = `[\`${type}\` documentation](${page.url})`;
  const exact = findArgument(page.doc, argument);
  const closest = diagnosis.specifics["suggestion"] ?? exact.suggestions[0];
  const match = exact.argument ?? (closest ? findArgument(page.doc, closest).argument : undefined);
  const describe = (a: { name: string; required: boolean; description: string }) =>
    `\`${a.name}\` — (${a.required ? "Required" : "Optional"}) ${a.description}`;
  const offline =
    page.origin === "schema" ? " (the bundled provider schema; live docs were unavailable)" : "";
  const note = exact.argument
    ? `From the ${link}${offline}: ${describe(exact.argument)}`
    : match
      ? `The ${link}${offline} has no \`${argument}\`; the closest argument is ${describe(match)}`
      : `The ${link}${offline} lists no \`${argument}\`.`;
  return { ...diagnosis, fix: `${diagnosis.fix}\n\n${note}` };
}

async function actionReference(diagnosis: Diagnosis, docs: DocsClient): Promise<Diagnosis> {
  const action = diagnosis.specifics["action"];
  if (!action || !/^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(action)) return diagnosis;
  const lookup = await docs.lookupAction(action);
  if (!lookup) return diagnosis;
  const reference = describeAction(lookup)
    .split("\n")
    .map((line) => (line.startsWith("- ") ? line : `- ${line}`))
    .join("\n");
  return {
    ...diagnosis,
    rootCause: `${diagnosis.rootCause}\n\nFrom the [Service Authorization Reference](${lookup.url}):\n${reference}`,
  };
}
