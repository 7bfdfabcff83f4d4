/**
 * At most `max` characters of `text` for a one-line quote: cut after the last whole word that fits, with
 * "…" saying that more was there ("that allows SSH…", never "that all").
 */
export function clipWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const head = flat.slice(0, max);
  const space = head.lastIndexOf(" ");
  // One word longer than the limit is cut where the limit falls.
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s,;:.]+$/, "")}…`;
}
