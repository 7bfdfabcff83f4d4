import type { Clause } from "./text.js";

/** Words that carry no request of their own; they never show up as "not understood". */
export const FILLER = new Set(
  `a an the and or with for that which who to of in on at by from into is are be been should would could can will
  shall may might must we i you me us our my your it its it's them they their this these those there here also plus
  please pls need needs want wants like create creates created add adds set setup up make makes provision provisions
  deploy new some one give get have has having let lets just too as so then via using use used own both each all
  any every per will kindly hi hello thanks thank team folks gets got able which where when while what how our
  simple basic small standard default proper good nice secure securely safe enabled enable on off runs run running`
    .split(/\s+/)
    .filter((w) => w !== ""),
);

/** Words that end a name phrase ("for audit logs with ..." stops at "with"). */
const NAME_STOP = new Set(
  `with that which and or to in on at every after keeping keep retaining retain using encrypted where when
  who whose triggered running runs processing storing plus but so by from of as partition sort hash range ttl
  holding containing allowing for without no but except encrypting`
    .split(/\s+/)
    .filter((w) => w !== ""),
);

/** Names that are references or words, not names. */
const NOT_A_NAME = new Set([
  "it",
  "them",
  "this",
  "that",
  "me",
  "us",
  "you",
  "repo",
  "repository",
  "github",
  "the",
  "aws",
  "everything",
  "all",
]);
const GENERIC_TAIL = new Set([
  "image",
  "images",
  "container",
  "containers",
  "messages",
  "events",
  "function",
  "functions",
]);

/** A safe resource name from free text: `[a-z0-9-]`, starts with a letter, at most 40 characters. */
export function toName(text: string): string | undefined {
  let name = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (/^[0-9]/.test(name)) name = `n-${name}`;
  if (name.length > 40) name = name.slice(0, 40).replace(/-[^-]*$/, "");
  name = name.replace(/-+$/, "");
  return name === "" || NOT_A_NAME.has(name) ? undefined : name;
}

/** "called X" / "named X", then "for (the) X Y", then modifiers right before the noun ("an orders queue"). */
export function takeName(clause: Clause, from: number, to: number, nounStart: number): string | undefined {
  const called = clause.take(/\b(?:called|named|name it)\s+["']?([a-z0-9][a-z0-9_.-]{0,60})/, from, to);
  if (called?.[1] !== undefined) return toName(called[1]);
  const forName = takeForName(clause, nounStart, to);
  if (forName !== undefined) return forName;
  return prefixName(clause, from, nounStart);
}

/** "for (the) audit logs ...": up to three free words after "for", stopping at the first word that starts a new idea. */
function takeForName(clause: Clause, from: number, to: number): string | undefined {
  const re = /\bfor\s+(?:the\s+|our\s+|my\s+|a\s+|an\s+)?/g;
  re.lastIndex = from;
  for (let m = re.exec(clause.lower); m !== null && m.index < to; m = re.exec(clause.lower)) {
    if (!clause.isFree(m.index, m.index + m[0].length)) continue;
    const words: { text: string; end: number }[] = [];
    const wordRe = /[a-z][a-z0-9_-]*/y;
    let pos = m.index + m[0].length;
    while (words.length < 3 && pos < to) {
      wordRe.lastIndex = pos;
      const w = wordRe.exec(clause.lower);
      if (w === null || NAME_STOP.has(w[0]) || !clause.isFree(w.index, w.index + w[0].length)) break;
      words.push({ text: w[0], end: w.index + w[0].length });
      pos = w.index + w[0].length;
      while (clause.lower[pos] === " ") pos += 1;
    }
    const end = words[words.length - 1]?.end;
    while (words.length > 1 && GENERIC_TAIL.has(words[words.length - 1]?.text ?? "")) words.pop();
    const name = toName(words.map((w) => w.text).join(" "));
    if (name !== undefined && end !== undefined) {
      clause.claim(m.index, end);
      return name;
    }
  }
  return undefined;
}

function prefixName(clause: Clause, from: number, nounStart: number): string | undefined {
  const before = clause.lower.slice(from, nounStart);
  const words = [...before.matchAll(/[a-z][a-z0-9_-]*/g)];
  const picked: RegExpMatchArray[] = [];
  for (let i = words.length - 1; i >= 0 && picked.length < 2; i -= 1) {
    const w = words[i];
    if (w === undefined) break;
    const start = from + (w.index ?? 0);
    if (FILLER.has(w[0]) || NAME_STOP.has(w[0]) || !clause.isFree(start, start + w[0].length)) break;
    picked.unshift(w);
  }
  const first = picked[0];
  const last = picked[picked.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const name = toName(picked.map((w) => w[0]).join(" "));
  if (name !== undefined) clause.claim(from + (first.index ?? 0), from + (last.index ?? 0) + last[0].length);
  return name;
}

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

/** Days in "90-day", "30 days", "2 weeks", "1 year". */
export function days(count: string | undefined, unitWord: string | undefined): number | undefined {
  const n = Number(count);
  const unit = (unitWord ?? "").replace(/s$/, "");
  const factor = UNIT_DAYS[unit];
  return Number.isFinite(n) && factor !== undefined ? n * factor : undefined;
}

export const DURATION = String.raw`(\d{1,5})[\s-]*(days?|weeks?|months?|years?)`;
