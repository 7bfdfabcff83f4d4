const cache = new WeakMap<RegExp, RegExp>();

/**
 * Terraform wraps long diagnostics at about 78 columns, so "operation error S3: CreateBucket" may
 * arrive as "operation error\nS3: CreateBucket". Signatures are written with plain spaces; this turns
 * every literal space outside a character class into `\s+` (and lets classes with a space accept a line
 * break), so one pattern matches both the wrapped and the unwrapped text.
 */
export function wrapTolerant(pattern: RegExp): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const src = pattern.source;
  let out = "";
  let inClass = false;
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i] ?? "";
    if (ch === "\\") {
      out += ch + (src[i + 1] ?? "");
      i += 1;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "]") inClass = false;
    const next = src[i + 1] ?? "";
    if (ch === " " && inClass) out += " \\n";
    else if (ch === " " && !"*+?{".includes(next)) out += "\\s+";
    else out += ch;
  }
  const tolerant = new RegExp(out, pattern.flags.replace("g", ""));
  cache.set(pattern, tolerant);
  return tolerant;
}
