import { str } from "../recipes/hcl/writer.js";
import type { NestedBlockSchema, TypeSchema } from "../terraform/schema/index.js";
import { patternArguments } from "./attributes.js";
import { setOnce } from "./node.js";
import { relationOf } from "./relations.js";
import type { BuildState } from "./state.js";
import { singular, type Token } from "./words.js";

/** Name endings shared by alternative blocks of one type (`splunk_configuration`, `redshift_configuration`). */
const VARIANT_TAIL = /_(configuration|config|settings|target)$/;
/**
 * Arguments whose value is the prefix of the variant block chosen (`destination = "splunk"` with
 * `splunk_configuration`). Other discriminators spell their values differently (appsync's `type` is
 * `AMAZON_DYNAMODB` for `dynamodb_config`), so only these are derived from the block's name.
 */
const DISCRIMINATOR = /^(?:destination|engine_name)$/;

interface Named {
  block: string;
  tokens: number[];
  /** Words matched: more words is a more specific match ("opensearch serverless" over "opensearch"). */
  size: number;
}

/** Where `words` occur in a row in the request, each either one token or two tokens written together. */
function occurrences(tokens: readonly Token[], words: readonly string[]): number[][] {
  const found: number[][] = [];
  for (let start = 0; start < tokens.length; start++) {
    const used: number[] = [];
    let i = start;
    const all = words.every((w) => {
      const one = tokens[i]?.word;
      if (one === w) {
        used.push(i++);
        return true;
      }
      const two = `${tokens[i]?.raw ?? ""}${tokens[i + 1]?.raw ?? ""}`;
      if (two === w || singular(two) === w) {
        used.push(i, i + 1);
        i += 2;
        return true;
      }
      return false;
    });
    if (all) found.push(used);
  }
  return found;
}

const wordsOf = (name: string): string[] => name.split("_").map(singular);

/**
 * The optional top-level blocks of `ts` the request names: a block of two words or more ("app version
 * lifecycle" → `appversion_lifecycle`), or one of three or more alternatives sharing a name ending
 * ("a Splunk destination" → `splunk_configuration`), or a one-word block that points at a resource the plan has
 * (a vault's `notification { sns_topic }` beside a topic), the most specific match winning. Blocks that only
 * toggle a feature (`enabled`) are set by the attribute reader; deprecated blocks are never chosen.
 */
function blocksNamed(
  tokens: readonly Token[],
  ts: TypeSchema,
  isService: (word: string) => boolean,
  points: (block: NestedBlockSchema) => boolean,
): Named[] {
  const candidates = [...ts.blocks.values()].filter(
    (b) => !b.required && !b.deprecated && !b.attributes.has("enabled"),
  );
  const tails = new Map<string, NestedBlockSchema[]>();
  for (const b of candidates) {
    const tail = VARIANT_TAIL.exec(b.name)?.[1];
    if (tail !== undefined) tails.set(tail, [...(tails.get(tail) ?? []), b]);
  }
  const variants = new Set([...tails.values()].filter((bs) => bs.length >= 3).flat());
  const named: Named[] = [];
  for (const b of candidates) {
    const variant = variants.has(b);
    const core = variant ? b.name.replace(VARIANT_TAIL, "") : b.name;
    const words = wordsOf(core);
    if (!variant && words.length < 2 && !points(b)) continue;
    // `extended_s3` is what people call "S3": a variant may be named by its last word alone when that word
    // is a service's name (never by "source" or "endpoint").
    const last = words.slice(-1);
    const tries = variant && words.length > 1 && isService(last[0] ?? "") ? [words, last] : [words];
    for (const [k, w] of tries.entries()) {
      const hit = occurrences(tokens, w)[0];
      if (hit === undefined) continue;
      named.push({ block: b.name, tokens: hit, size: hit.length * 2 - k });
      break;
    }
  }
  // Of alternatives named by overlapping words, the most specific one.
  return named.filter(
    (n) =>
      !named.some(
        (m) =>
          m !== n &&
          m.size > n.size &&
          variants.has(ts.blocks.get(m.block) as NestedBlockSchema) &&
          m.tokens.some((t) => n.tokens.includes(t)),
      ),
  );
}

/**
 * Phase 2, named blocks: a requested resource writes the optional blocks the request names (their
 * required arguments, references and nested blocks then go through the same filler as top-level ones),
 * and a discriminator argument takes the chosen alternative's name (`destination = "splunk"`).
 */
export function resolveBlocks(state: BuildState): void {
  const types = state.ctx.schema.resourceTypes();
  const isService = (word: string): boolean => types.some((t) => t.startsWith(`aws_${word}_`));
  for (const node of state.nodes.filter((n) => n.origin === "requested")) {
    const ts = state.typeSchema(node.type);
    if (ts === undefined) continue;
    const points = (block: NestedBlockSchema): boolean =>
      [...block.attributes.values()].some((a) => {
        const target = relationOf(node.type, a.name, a, state.ctx.schema, block.name)?.target;
        return target !== undefined && state.nodes.some((n) => n !== node && n.type === target);
      });
    const named = blocksNamed(state.tokens, ts, isService, points);
    if (named.length === 0) continue;
    node.blocks = new Set([...(node.blocks ?? []), ...named.map((n) => n.block)]);
    for (const n of named) {
      n.tokens.forEach((t) => state.claimed.add(t));
      state.understood.push({
        phrase: n.tokens.map((t) => state.tokens[t]?.raw ?? "").join(" "),
        meaning: `${node.type}.${node.name}: ${n.block} { }`,
      });
    }
    // What the request says of a block it names ("keep versions for 10 days" → its `max_age_in_days`).
    for (const n of named) {
      const block = ts.blocks.get(n.block);
      const has = (path: string): boolean => block?.attributes.has(path) === true;
      for (const hit of patternArguments(state.request, has, node.type))
        if (setOnce(node, `${n.block}.${hit.path}`, hit.value, `${n.block}.${hit.path} from "${hit.phrase}"`))
          state.understood.push({
            phrase: hit.phrase,
            meaning: `${node.type}.${node.name}: ${n.block}.${hit.path}`,
          });
    }
    const variants = named.filter((n) => VARIANT_TAIL.test(n.block));
    for (const [arg, spec] of ts.attributes) {
      if (!DISCRIMINATOR.test(arg) || !spec.required || node.set.has(arg) || variants.length !== 1) continue;
      const value = (variants[0] as Named).block.replace(VARIANT_TAIL, "");
      setOnce(node, arg, str(value), `${arg} ${value}, as the request names it`);
    }
  }
}
