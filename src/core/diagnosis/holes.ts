// What a rendered diagnosis field must never contain: the marks a template leaves when a fact it
// expected was not in the log. Tests run every signature's fixtures through this; the eval reports it.
// `inProse`: checked with inline code removed too, because code spans may hold real `${…}` or `f()`.
const HOLES: readonly { name: string; pattern: RegExp; inProse?: boolean }[] = [
  { name: "question-mark hole", pattern: /`\?`|(?:^|\s)\?(?=[\s),.:;]|$)|\(\?\)/ },
  // A fallback phrase quoted as if it came from the log ("`an operation`", "`A block`").
  { name: "bare article as code", pattern: /`(?:a|an|the|some|this)\s[\w-]+(?:\s[\w-]+)?`/i },
  { name: "empty code span", pattern: /(?:^|[^`])``(?!`)/ },
  { name: "unfilled value", pattern: /\b(?:undefined|NaN)\b|\[object Object\]/, inProse: true },
  { name: "template syntax", pattern: /\$\{|\{\{|\}\}/, inProse: true },
  {
    name: "placeholder",
    pattern: /<[A-Z][A-Z_]{2,}>|\b(?:ACCOUNT_ID|STATE_BUCKET|LOCK_ID|OWNER\/REPO|YOUR_[A-Z_]+)\b/,
  },
  { name: "dangling punctuation", pattern: /\(\s*\)|\s[,;:](?:\s|$)|\s\.(?:\s|$)/, inProse: true },
];

function withoutInlineCode(text: string): string {
  return text.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, "CODE");
}

/** Names of the holes found in `text`; empty text counts as a hole. */
export function findHoles(text: string): string[] {
  if (text.trim() === "") return ["empty"];
  // Code blocks are examples the user copies (HCL, JSON, shell), where `${…}` and `null` are real syntax.
  const prose = text.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, "");
  const plain = withoutInlineCode(prose);
  return HOLES.filter((hole) => hole.pattern.test(hole.inProse ? plain : prose)).map((hole) => hole.name);
}
