import { redact } from "../../core/redact/index.js";
import { DEFAULT_BUDGET_BYTES, rankAndFit, sectionBytes } from "../../core/docs/rank.js";
import { selectTopics, type DocsQuery } from "../../core/docs/select.js";
import { describeAction, findAction } from "../../core/docs/services.js";
import type { RetrievedDocs, RetrievedSection } from "../../core/docs/types.js";
import type { DocsClient } from "./client.js";

export interface RetrieveOptions {
  /** Resource types to include whatever the query says (e.g. from the plan or the files being edited). */
  types?: readonly string[];
  budgetBytes?: number;
  /** Extra AWS documentation pages (https://docs.aws.amazon.com/…) worth ranking, e.g. links from an error. */
  pages?: readonly string[];
}

const AWS_DOC_LINK = /https:\/\/docs\.aws\.amazon\.com\/[^\s)"'<>\]]+/g;

/** Picks the types and actions a query concerns, fetches their docs, ranks the sections and fits them in the budget. */
export function createRetriever(client: DocsClient): {
  retrieve(query: DocsQuery, options?: RetrieveOptions): Promise<RetrievedDocs>;
} {
  return {
    async retrieve(query, options = {}) {
      const topics = selectTopics(query, options.types ?? []);
      const notes: string[] = [];
      const candidates: RetrievedSection[] = [];
      const titles = new Map<string, string>();
      let live = true;

      const docs = await Promise.allSettled(topics.types.map((type) => client.resourceDoc(type)));
      docs.forEach((outcome, i) => {
        const type = (topics.types[i] ?? "").replace(/^data\./, "");
        if (outcome.status === "rejected") {
          live = false;
          notes.push(`no documentation for ${type}: ${messageOf(outcome.reason)}`);
          return;
        }
        const found = outcome.value;
        if (found.origin === "schema" || found.stale) live = false;
        notes.push(...found.notes);
        titles.set(
          found.url,
          found.origin === "schema"
            ? `${type} (provider schema, offline)`
            : `${type} — Terraform AWS provider docs`,
        );
        for (const section of found.doc.sections) {
          candidates.push({
            type,
            url: found.url,
            heading: section.heading,
            text: section.text,
            source: found.origin,
          });
        }
      });

      const actions = await Promise.allSettled(
        topics.actions.map((action) => client.authorization(action.split(":")[0] ?? "")),
      );
      actions.forEach((outcome, i) => {
        const action = topics.actions[i] ?? "";
        const lookup =
          outcome.status === "fulfilled"
            ? findAction(outcome.value.reference, action, outcome.value.url)
            : undefined;
        if (outcome.status === "rejected" || lookup === undefined) {
          notes.push(
            `no Service Authorization Reference entry for ${action}${outcome.status === "rejected" ? `: ${messageOf(outcome.reason)}` : ""}`,
          );
          return;
        }
        if (outcome.value.stale) live = false;
        titles.set(lookup.url, `Service Authorization Reference: ${action.split(":")[0] ?? ""}`);
        candidates.push({
          type: lookup.action.action,
          url: lookup.url,
          heading: `IAM action ${lookup.action.action}`,
          text: describeAction(lookup),
          source: outcome.value.origin,
        });
      });

      const links = [...(options.pages ?? []), ...[...topics.text.matchAll(AWS_DOC_LINK)].map((m) => m[0])];
      const pages = await Promise.allSettled(
        [...new Set(links)].slice(0, 3).map((url) => client.awsPage(url)),
      );
      pages.forEach((outcome) => {
        if (outcome.status === "rejected")
          return void notes.push(`an AWS documentation page could not be read: ${messageOf(outcome.reason)}`);
        const page = outcome.value;
        if (page.stale) live = false;
        titles.set(page.url, page.title || page.url);
        for (const section of page.sections)
          candidates.push({
            type: "aws-docs",
            url: page.url,
            heading: section.heading,
            text: section.text,
            source: page.origin,
          });
      });

      const queryText = [topics.text, ...topics.types, ...topics.actions].join("\n");
      const sections = rankAndFit(candidates, queryText, options.budgetBytes ?? DEFAULT_BUDGET_BYTES).map(
        (s) => ({
          ...s,
          heading: redact(s.heading),
          text: redact(s.text),
        }),
      );
      const used = [...new Set(sections.map((s) => s.url))];
      if (!live)
        notes.push(
          "Some documentation was not live: it came from the offline provider schema or an expired cache copy.",
        );
      return {
        sections,
        consulted: used.map((url) => ({ title: titles.get(url) ?? url, url })),
        live,
        notes: notes.map(redact),
        bytes: sections.reduce((sum, s) => sum + sectionBytes(s), 0),
      };
    },
  };
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? (reason.message.split("\n")[0] ?? "") : String(reason);
}
