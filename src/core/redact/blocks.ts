/**
 * Private key blocks, seen whole. A log window, an excerpt or a search result can start in the middle of a
 * key, so the body is recognised on its own too: a run of key-like base64 lines, or lines before a lone
 * END line. Works line by line so its cost is linear in the text.
 */
const BEGIN = /-----BEGIN [A-Z0-9 _-]*PRIVATE KEY(?: BLOCK)?-----/;
const END = /-----END [A-Z0-9 _-]*PRIVATE KEY(?: BLOCK)?-----/;
// What may precede a body line in a log or a quote: indentation, a quote mark, a list or box character.
const LINE_PREFIX = /^[\s"'>|│+*#-]*/u;
// PGP armour: `Version: …`/`Comment: …` headers and the `=abcd` checksum line.
const ARMOUR_HEADER = /^[A-Za-z-]+: /;
const CHECKSUM = /^=[A-Za-z0-9+/]{4}$/;
// In JSON strings and env files a key is one line with literal `\n` separators.
const ESCAPED_BLOCK =
  /-----BEGIN [A-Z0-9 _-]*PRIVATE KEY(?: BLOCK)?-----(?:\\r)?\\n(?:(?!-----END)[^\n])*(?:-----END [A-Z0-9 _-]*PRIVATE KEY(?: BLOCK)?-----)?/g;
const ESCAPED_BODY = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}(?:(?:\\r)?\\n[A-Za-z0-9+/=]{4,})+/g;
const MIN_BODY_LINE = 40;
// Certificates and public keys look the same as key bodies but are public: their lines stay.
const PUBLIC_BEGIN = /-----BEGIN (?:CERTIFICATE|[A-Z0-9 ]*PUBLIC KEY(?: BLOCK)?)-----/;
const PUBLIC_END = /-----END (?:CERTIFICATE|[A-Z0-9 ]*PUBLIC KEY(?: BLOCK)?)-----/;

function bodyOf(line: string): string {
  return line.replace(LINE_PREFIX, "").replace(/["',\\]*\s*$/, "");
}

/** A line that is nothing but base64 long enough to be part of a key body, with mixed case and digits. */
export function isKeyBodyLine(line: string): boolean {
  const body = bodyOf(line);
  if (body.length < MIN_BODY_LINE || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return false;
  return /[A-Z]/.test(body) && /[a-z]/.test(body) && /[0-9]/.test(body);
}

function isBase64Line(line: string): boolean {
  return /^[A-Za-z0-9+/]{4,}={0,2}$/.test(bodyOf(line));
}

function isArmourLine(line: string): boolean {
  const body = bodyOf(line);
  return body === "" || ARMOUR_HEADER.test(body) || CHECKSUM.test(body);
}

/**
 * Replaces every private key block (and every stray key body) in `text` with `replacement`, one
 * replacement per block. Lines around the block are kept as they are.
 */
export function redactKeyBlocks(text: string, replacement: string): string {
  const out = text.replace(ESCAPED_BLOCK, replacement).replace(ESCAPED_BODY, replacement);
  if (!out.includes("-----") && !hasLongBase64Line(out)) return out;
  const lines = out.split("\n");
  const kept: string[] = [];
  let inBlock = false;
  let inPublic = false;
  let inStray = false;
  for (const line of lines) {
    if (inPublic || PUBLIC_BEGIN.test(line)) {
      inPublic = !PUBLIC_END.test(line);
      kept.push(line);
      continue;
    }
    if (inBlock) {
      if (END.test(line)) {
        inBlock = false;
        pushTail(kept, line.slice(line.search(END)).replace(END, ""));
      } else if (!(/^[A-Za-z0-9+/]+={0,2}$/.test(bodyOf(line)) || isArmourLine(line))) {
        inBlock = false;
        kept.push(line);
      }
      continue;
    }
    const begin = BEGIN.exec(line);
    if (begin) {
      kept.push(line.slice(0, begin.index) + replacement);
      const rest = line.slice(begin.index + begin[0].length);
      if (END.test(rest)) pushTail(kept, rest.slice(rest.search(END)).replace(END, ""));
      else inBlock = true;
      continue;
    }
    if (END.test(line)) {
      // A lone END: the body above it was printed without its BEGIN. Take back the body lines already kept.
      while (
        kept.length > 0 &&
        (isBase64Line(kept[kept.length - 1] ?? "") || kept[kept.length - 1] === replacement)
      )
        kept.pop();
      kept.push(line.slice(0, line.search(END)) + replacement);
      pushTail(kept, line.slice(line.search(END)).replace(END, ""));
      continue;
    }
    if (isKeyBodyLine(line) || (inStray && isBase64Line(line))) {
      // A stray body run (its short last line included) collapses into one replacement.
      if (kept[kept.length - 1] !== replacement) kept.push(replacement);
      inStray = true;
      continue;
    }
    inStray = false;
    kept.push(line);
  }
  return kept.join("\n");
}

function pushTail(kept: string[], tail: string): void {
  if (tail.trim() === "") return;
  const last = kept.length - 1;
  kept[last] = `${kept[last] ?? ""}${tail}`;
}

function hasLongBase64Line(text: string): boolean {
  return /[A-Za-z0-9+/]{40,}/.test(text);
}
