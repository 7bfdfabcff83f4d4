import { feedbackRest, moduleStatement } from "./feedback-text.js";
import { lessonValueAllowed, moduleSourceAllowed } from "./guard.js";
import { renamedPrefix } from "./naming.js";
import { LiteralSchema, type FeedbackEvent, type Lesson, type Literal } from "./types.js";

type Of<K extends FeedbackEvent["kind"]> = Extract<FeedbackEvent, { kind: K }>;

export interface DistillOptions {
  /** The repository's protected paths (config), so no lesson points into them. */
  isProtected: (path: string) => boolean;
  /** Corrections needed, on distinct pull requests, before a habit becomes a lesson. */
  minimum?: number;
}

const MAX_EVIDENCE = 10;

/**
 * The lessons a repository's feedback supports, deterministically: the same events always give the same
 * lessons in the same order. A correction becomes a lesson once people made it on `minimum` (2) pull
 * requests and never made a different one; a one-off stays a fact in the store. Module choices and fixes
 * stated by people or seen in CI count at once; everything else people wrote is kept as a quote.
 */
export function distill(events: readonly FeedbackEvent[], options: DistillOptions): Lesson[] {
  const unique = [...new Map(events.map((e) => [e.key, e])).values()].sort((a, b) => a.at - b.at);
  const of = <K extends FeedbackEvent["kind"]>(kind: K) => unique.filter((e): e is Of<K> => e.kind === kind);
  const forgotten = new Set(of("forget").map((e) => e.id));
  const minimum = options.minimum ?? 2;
  const lessons = [
    ...argumentLessons(of("correction"), minimum),
    ...namingLessons(of("correction"), minimum),
    ...moduleLessons(of("correction"), of("feedback"), minimum, options),
    ...fixLessons(of("diagnosis"), of("fix"), of("reaction")),
    ...quoteLessons(of("feedback")),
  ];
  return lessons.filter((l) => !forgotten.has(l.id));
}

function argumentLessons(corrections: readonly Of<"correction">[], minimum: number): Lesson[] {
  const byKey = new Map<string, Of<"correction">[]>();
  for (const event of corrections) {
    const { op, attribute, resourceType } = event.change;
    if (!attribute || (op !== "changed" && op !== "added" && op !== "removed")) continue;
    const key = `${resourceType}.${attribute}`;
    byKey.set(key, [...(byKey.get(key) ?? []), event]);
  }
  const out: Lesson[] = [];
  for (const [key, list] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    const prs = new Set(list.map((e) => e.pr));
    const values = new Set(list.map((e) => (e.change.op === "removed" ? "∅" : JSON.stringify(e.change.to))));
    if (prs.size < minimum || values.size !== 1) continue;
    const [first] = list;
    if (!first) continue;
    const { resourceType, attribute = "" } = first.change;
    const evidence = [...new Set(list.map((e) => e.url))].slice(-MAX_EVIDENCE);
    const strength = { count: prs.size, total: prs.size };
    if (first.change.op === "removed") {
      out.push({
        id: `remove.${key}`,
        summary: `people remove \`${attribute}\` from the agent's \`${resourceType}\` blocks (${prs.size} of ${prs.size} pull requests)`,
        scope: { resource_type: resourceType, command: "request" },
        strength,
        evidence,
      });
      continue;
    }
    const value = LiteralSchema.safeParse(first.change.to);
    if (!value.success || !plain(value.data)) continue;
    if (!lessonValueAllowed(resourceType, attribute, value.data).ok) continue;
    out.push({
      id: `set.${key}`,
      summary: `people set \`${attribute} = ${JSON.stringify(value.data)}\` on the agent's \`${resourceType}\` (${prs.size} of ${prs.size} pull requests)`,
      scope: { resource_type: resourceType, command: "request" },
      set: { attribute, value: value.data },
      strength,
      evidence,
    });
  }
  return out;
}

/**
 * People giving the agent's names another prefix on `minimum` pull requests, always the same one:
 * `naming.prefix`. Which names were renamed does not matter (each PR names different things).
 */
function namingLessons(corrections: readonly Of<"correction">[], minimum: number): Lesson[] {
  const renames = corrections.flatMap((e) => {
    const renamed = renamedPrefix(e.change);
    return renamed ? [{ event: e, ...renamed }] : [];
  });
  const prefixes = new Set(renames.map((r) => r.to));
  const prs = new Set(renames.map((r) => r.event.pr));
  const [prefix] = prefixes;
  if (prefix === undefined || prefixes.size !== 1 || prs.size < minimum) return [];
  const replaced = [...new Set(renames.map((r) => r.from).filter(Boolean))];
  const instead = replaced.length > 0 ? ` instead of ${replaced.map((p) => `\`${p}\``).join(", ")}` : "";
  return [
    {
      id: "naming.prefix",
      summary: `people start the agent's resource names with \`${prefix}\`${instead} (${prs.size} of ${prs.size} pull requests)`,
      scope: { command: "request" },
      naming: { prefix },
      strength: { count: prs.size, total: prs.size },
      evidence: [...new Set(renames.map((r) => r.event.url))].slice(-MAX_EVIDENCE),
    },
  ];
}

/** hcl2json keeps expressions as `${…}` strings: those are wiring, not a value to learn. */
function plain(value: Literal): boolean {
  return typeof value !== "string" || !/[$%]\{/.test(value);
}

function moduleLessons(
  corrections: readonly Of<"correction">[],
  feedback: readonly Of<"feedback">[],
  minimum: number,
  options: DistillOptions,
): Lesson[] {
  const chosen = new Map<string, Lesson>();
  const moved = corrections.filter((e) => e.change.op === "to-module" && e.change.target);
  for (const type of new Set(moved.map((e) => e.change.resourceType))) {
    const list = moved.filter((e) => e.change.resourceType === type);
    const sources = new Set(list.map((e) => e.change.target ?? ""));
    const prs = new Set(list.map((e) => e.pr));
    const [source] = sources;
    if (prs.size < minimum || sources.size !== 1 || source === undefined) continue;
    if (!moduleSourceAllowed(source, options.isProtected).ok) continue;
    chosen.set(
      type,
      moduleLesson(
        type,
        source,
        `people moved the agent's \`${type}\` into \`${source}\` (${prs.size} of ${prs.size} pull requests)`,
        { count: prs.size, total: prs.size },
        list.map((e) => e.url),
      ),
    );
  }
  // A person saying it outright is stronger than a habit: the latest statement per type wins.
  for (const event of feedback) {
    const statement = moduleStatement(event.text);
    if (!statement || !moduleSourceAllowed(statement.source, options.isProtected).ok) continue;
    const summary = `@${event.author} asked: use \`${statement.source}\` for every \`${statement.resourceType}\``;
    chosen.set(
      statement.resourceType,
      moduleLesson(statement.resourceType, statement.source, summary, { count: 1, total: 1 }, [event.url]),
    );
  }
  return [...chosen.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function moduleLesson(
  type: string,
  source: string,
  summary: string,
  strength: Lesson["strength"],
  evidence: string[],
): Lesson {
  return {
    id: `module.${type}`,
    summary,
    scope: { resource_type: type, command: "request" },
    module: { source: source.replace(/\/+$/, "") },
    strength,
    evidence: evidence.slice(-MAX_EVIDENCE),
  };
}

function fixLessons(
  diagnoses: readonly Of<"diagnosis">[],
  fixes: readonly Of<"fix">[],
  reactions: readonly Of<"reaction">[],
): Lesson[] {
  const latest = new Map<string, Of<"fix">>();
  for (const fix of fixes) latest.set(fix.fingerprint, fix);
  return [...latest.values()]
    .sort((a, b) => a.fingerprint.localeCompare(b.fingerprint))
    .map((fix) => {
      const seen = fixes.filter((f) => f.fingerprint === fix.fingerprint);
      const diagnosed = diagnoses.filter((d) => d.fingerprint === fix.fingerprint);
      const down = reactions.filter((r) => r.fingerprint === fix.fingerprint && r.content === "-1").length;
      const verdict = down > 0 ? `; the agent's diagnosis got 👎 ${down}×` : "";
      return {
        id: `fix.${fix.fingerprint}`,
        summary: `a \`${fix.category}\` failure on \`${fix.branch}\` was fixed by ${fix.sha.slice(0, 7)} (“${fix.message}”)${verdict}`,
        scope: { command: "diagnose" },
        fix: { fingerprint: fix.fingerprint, category: fix.category, sha: fix.sha, message: fix.message },
        strength: { count: seen.length, total: Math.max(seen.length, diagnosed.length) },
        evidence: [...diagnosed.map((d) => d.commentUrl ?? d.url), ...seen.map((f) => f.url)].slice(
          -MAX_EVIDENCE,
        ),
      } satisfies Lesson;
    });
}

/** What people wrote that is no plain module choice, as quotes; a stated choice's other lines included. */
function quoteLessons(feedback: readonly Of<"feedback">[]): Lesson[] {
  return feedback.flatMap((e) => {
    const quote = feedbackRest(e.text);
    if (quote === "") return [];
    const rest = quote !== e.text;
    return [
      {
        id: `said.${e.key.replace(/[^A-Za-z0-9_.:-]/g, "-").slice(-100)}`,
        summary: `@${e.author} said${rest ? " (besides the module choice)" : ""} (quoted, guidance only)`,
        scope: {},
        quote,
        strength: { count: 1, total: 1 },
        evidence: [e.url],
      },
    ];
  });
}
