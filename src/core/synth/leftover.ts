// Which words of a request the plan leaves uncovered. A change that does not do what was asked is refused,
// so "uncovered" must mean infrastructure, not any word: names ("the billing service"), purposes ("for the
// payments team") and attributes the plan sets are not parts left out.
import { serviceOf } from "../terraform/conventions/services.js";
import type { AwsProviderSchema, BlockSchema } from "../terraform/schema/index.js";
import { ALIASES, LEGACY } from "./aliases.js";
import { GENERIC, matchTypes } from "./lexicon.js";
import { FILLER, NAMED, singular, tokenize, type Token } from "./words.js";

/** Resource types of other providers: the offline path writes only AWS resources. */
export const FOREIGN =
  /^(?:random|tls|archive|null|local|time|http|kubernetes|helm|google|azurerm|github)_[a-z_]+$/;

/** Service words too vague to say a part is missing ("network", "data", "config"). */
const VAGUE = new Set(
  "default main data network resource service config app auto ec2 lb db vpc iam".split(" "),
);

/**
 * Words of type names that requests use in their everyday sense: a service having a type with "public" or
 * "log" in its name does not make "public" or "logs" in a request a part the plan dropped.
 */
const EVERYDAY = new Set(
  `object service set name domain type value version policy attachment association rule group key config
  configuration setting account default main data document permission endpoint option resource target user
  access alias integration instance cluster table stream function public private log logging access block
  tag tags status state source destination custom global item request response event notification
  schedule lifecycle encryption metric alarm role profile storage size class
  traffic identity local virtual ownership archive allow allowed deny`.split(/\s+/),
);

let globalWords: Set<string> | undefined;
/** Service names and one-word aliases: when one is left over, a whole service was not covered. */
function serviceNames(types: readonly string[]): Set<string> {
  if (globalWords !== undefined) return globalWords;
  globalWords = new Set();
  for (const type of types) globalWords.add(type.split("_")[1] ?? "");
  for (const phrases of Object.values(ALIASES))
    for (const p of phrases) if (!p.includes(" ")) globalWords.add(p);
  for (const w of [...FILLER, ...VAGUE, ...GENERIC]) globalWords.delete(w);
  return globalWords;
}

/**
 * One form for a word's family, so that "replicated" meets `replication` and "encrypted" `encryption`:
 * -ation, -ion, -ate(d), -ed, -e, -s, -a endings go ("replica", "replicated", "replication" meet). Not
 * -ing: "streaming" is a Kinesis streaming destination, not the stream itself.
 */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  // "subscription" and "subscribed" are one family.
  return word.replace(/scriptions?$/, "scribe").replace(/(?:ations?|ions?|ated?|ed|es|e|s|a)$/, "");
}

/** Words of the arguments a type is written with; deprecated ones (a bucket's inline replication) are not. */
const argumentWords = (block: BlockSchema, into: Set<string>): Set<string> => {
  for (const spec of block.attributes.values())
    if (!spec.deprecated) for (const w of spec.name.split("_")) into.add(stem(singular(w)));
  for (const nested of block.blocks.values()) {
    if (nested.deprecated) continue;
    for (const w of nested.name.split("_")) into.add(stem(singular(w)));
    argumentWords(nested, into);
  }
  return into;
};

/**
 * Words that name a resource type of a service the plan uses, other than those of the planned types and
 * their arguments: "contributor insights" beside a DynamoDB table, "accelerate" beside a bucket.
 */
function siblingWords(
  schema: AwsProviderSchema,
  asked: readonly string[],
  planned: readonly string[],
): Set<string> {
  const services = new Set(asked.map(serviceOf));
  const own = new Set<string>();
  for (const type of planned) {
    for (const w of type.split("_").slice(1)) own.add(stem(singular(w)));
    const spec = schema.resource(type);
    if (spec !== undefined) argumentWords(spec, own);
  }
  const out = new Set<string>();
  for (const type of schema.resourceTypes()) {
    if (!services.has(serviceOf(type)) || LEGACY.test(type)) continue;
    for (const w of type.split("_").slice(2).map(singular))
      if (w.length > 2 && !own.has(stem(w)) && !EVERYDAY.has(w) && !GENERIC.has(w) && !FILLER.has(w))
        out.add(stem(w));
  }
  return out;
}

/**
 * The feature word of each block of an asked-for type that the plan does not write: "replicated" beside a
 * DynamoDB table whose `replica` block is not written, "Splunk" beside a delivery stream without
 * `splunk_configuration`. Only blocks named by one feature word (`replica`, `cache`, `<word>_configuration`)
 * count: longer block names are made of words requests use in their everyday sense.
 */
function unwrittenFeatureWords(
  schema: AwsProviderSchema,
  asked: readonly string[],
  planned: readonly string[],
  covered: ReadonlySet<string>,
): Set<string> {
  const attributes = new Set<string>();
  for (const type of planned)
    for (const a of schema.resource(type)?.attributes.values() ?? [])
      for (const w of a.name.split("_")) attributes.add(stem(singular(w)));
  const out = new Set<string>();
  for (const type of asked) {
    for (const block of schema.resource(type)?.blocks.values() ?? []) {
      if (block.deprecated || block.name === "timeouts" || covered.has(block.name)) continue;
      const [first = "", ...rest] = block.name.split("_").map(singular);
      if (rest.length > 1 || (rest.length === 1 && !OPTIONAL_TAIL.has(rest[0] ?? ""))) continue;
      if (first.length > 2 && !attributes.has(stem(first)) && !EVERYDAY.has(first) && !GENERIC.has(first))
        if (!FILLER.has(first)) out.add(stem(first));
    }
  }
  return out;
}

/** Block name endings that add nothing to the feature's word (`splunk_configuration`). */
const OPTIONAL_TAIL = new Set(["configuration", "config", "setting", "specification"]);

/**
 * The tokens (by index) a plan leaves uncovered: a service it does not use, a sibling type of a service the
 * request asked for (`asked`: requested and reused types, not companions), or another provider's type.
 * Words of any planned type and its arguments are not missing parts; nor are `covered`, the words the plan
 * itself spells out.
 */
export function uncoveredTokens(
  tokens: readonly Token[],
  claimed: ReadonlySet<number>,
  plan: { asked: readonly string[]; planned: readonly string[]; covered: ReadonlySet<string> },
  schema: AwsProviderSchema,
): number[] {
  const services = serviceNames(schema.resourceTypes());
  const siblings = siblingWords(schema, plan.asked, plan.planned);
  for (const w of unwrittenFeatureWords(schema, plan.asked, plan.planned, plan.covered)) siblings.add(w);
  const covered = plan.covered;
  return tokens.flatMap((t, i) => {
    if (claimed.has(i)) return [];
    if (FOREIGN.test(t.word)) return [i];
    if (!services.has(t.word) && !siblings.has(stem(t.word))) return [];
    if (covered.has(t.word) || covered.has(stem(t.word)) || NAMED.has(tokens[i + 1]?.word ?? "")) return [];
    return [i];
  });
}

/**
 * Of the phrases the recipes did not understand, those that name infrastructure their blocks lack: a service,
 * a sibling type's word, or a resource type ("object lock" beside a bucket), read with the planned types'
 * services as context so that a type's short name counts as it would in the whole request.
 */
export function uncoveredPhrases(
  phrases: readonly string[],
  planned: readonly string[],
  schema: AwsProviderSchema,
  request: string,
): string[] {
  const covered = new Set(planned.flatMap((t) => t.split("_").slice(1)));
  const context = tokenize([...new Set(planned.map((t) => t.split("_").slice(1, 3).join(" ")))].join(" . "));
  const lower = request.toLowerCase();
  return phrases.filter((p) => {
    // The word after the phrase in the request, so that "payments" in "the payments team" reads as a name.
    const at = lower.indexOf(p.toLowerCase());
    const next = at < 0 ? "" : (/^\s+([a-z]+)/.exec(lower.slice(at + p.length))?.[1] ?? "");
    // The word before it too: "alias" after "Lambda function" is the function's alias.
    const previous = at < 0 ? "" : (/([a-z0-9]+)\s+$/.exec(lower.slice(0, at))?.[1] ?? "");
    const tokens = tokenize(p);
    if (NAMED.has(singular(next))) tokens.push({ word: singular(next), raw: next, at: p.length + 1 });
    if (uncoveredTokens(tokens, new Set(), { asked: planned, planned, covered }, schema).length > 0)
      return true;
    // "a hash key named LockID", "content-based deduplication": an argument of a planned type the recipes
    // did not read is a setting they did not make.
    if (namesAnArgument(tokens, planned, schema)) return true;
    const lead = previous === "" ? [] : [{ word: singular(previous), raw: previous, at: -1 }];
    // A word no phrase has keeps the phrase's words from joining the context's in one match.
    const barrier = { word: "|", raw: "|", at: p.length + 1 };
    const read = [...lead, ...tokens];
    return matchTypes([...read, barrier, ...context], schema.resourceTypes()).some(
      (m) => m.to > lead.length && m.to <= read.length && !planned.includes(m.type),
    );
  });
}

/** Whether two or more consecutive words spell an argument of one of the planned types (`hash_key`). */
function namesAnArgument(
  tokens: readonly Token[],
  planned: readonly string[],
  schema: AwsProviderSchema,
): boolean {
  const names = new Set<string>();
  const collect = (block: BlockSchema): void => {
    for (const a of block.attributes.values()) if (!a.deprecated && a.name.includes("_")) names.add(a.name);
    for (const b of block.blocks.values()) if (!b.deprecated) collect(b);
  };
  for (const type of planned) {
    const spec = schema.resource(type);
    if (spec !== undefined) collect(spec);
  }
  const words = tokens.map((t) => t.raw.toLowerCase());
  for (let i = 0; i < words.length; i++)
    for (let j = i + 2; j <= Math.min(words.length, i + 5); j++)
      if (names.has(words.slice(i, j).join("_"))) return true;
  return false;
}
