import type { Draft, Findings } from "./draft.js";
import { DURATION, days } from "./words.js";

const KEY_NAME = String.raw`["']?([a-z_][a-z0-9_.-]{0,60})["']?(?:\s*\((string|number|numeric|binary|s|n|b)\)|\s+(?:as\s+(?:a\s+)?)?(string|number|numeric|binary))?`;
const keyType = (word: string | undefined): "S" | "N" | "B" =>
  word === undefined ? "S" : /^n/.test(word) ? "N" : /^b/.test(word) ? "B" : "S";

export function extractS3(d: Draft, f: Findings): void {
  const { clause: c, from, to } = d;
  c.take(/\b(?:encrypted|encryption|private|secure)\b/, from, to);
  if (c.take(/\bsse[\s-]?kms\b/, from, to) !== undefined) d.params["encryption"] = "kms";
  if (c.take(/\bsse[\s-]?s3\b|\baes[\s-]?256\b/, from, to) !== undefined) d.params["encryption"] = "aes256";
  if (c.take(/\b(?:without|no)\s+versioning\b|\bunversioned\b/, from, to) !== undefined)
    d.params["versioning"] = false;
  c.take(/\b(?:with\s+)?versioning(?:\s+enabled|\s+on)?\b|\bversioned\b/, from, to);
  if (c.take(/\b(?:server\s+)?access\s+logg?(?:ing|s)\b|\baccess[\s-]+logged\b/, from, to) !== undefined)
    d.params["access_logging"] = true;
  const noncurrent = c.take(
    new RegExp(
      String.raw`\b(?:old|previous|noncurrent|non-current)\s+versions?\s+(?:(?:for|after|expire\s+after|kept\s+(?:for\s+)?)\s*)?${DURATION}`,
    ),
    from,
    to,
  );
  if (noncurrent !== undefined) d.params["noncurrent_expiration_days"] = days(noncurrent[1], noncurrent[2]);
  const retention =
    c.take(new RegExp(String.raw`\b${DURATION}\s+(?:retention|expiry|expiration|lifecycle)`), from, to) ??
    c.take(
      new RegExp(
        String.raw`\b(?:retention|expiry|expiration|lifecycle)\s+(?:period\s+)?(?:of\s+)?${DURATION}`,
      ),
      from,
      to,
    ) ??
    c.take(
      new RegExp(
        String.raw`\b(?:keep|retain|store|expire|delete)\w*\s+(?:\w+\s+){0,2}?(?:for\s+|after\s+)?${DURATION}`,
      ),
      from,
      to,
    );
  if (retention !== undefined) {
    const n = days(retention[1], retention[2]);
    if (n !== undefined && n >= 1 && n <= 36500) d.params["expiration_days"] = n;
    else f.questions.push("How many days should objects be kept? I could not read that retention.");
  }
  c.take(/\b(?:a\s+)?lifecycle(?:\s+(?:rules?|polic(?:y|ies)|configuration))?(?:\s+to)?\b/, from, to);
  if (c.take(/\bpublic(?:ly)?(?:\s+read(?:able)?|\s+access(?:ible)?)?\b/, from, to) !== undefined) {
    f.notes.push(
      "A public bucket was mentioned: the recipe keeps every bucket private (public access blocked). Serve public content through CloudFront instead.",
    );
  }
}

export function extractDynamo(d: Draft, f: Findings): void {
  const { clause: c, from, to } = d;
  const hash =
    c.take(
      new RegExp(
        String.raw`\b(?:(?:partition|hash|primary)\s+key|pk)\s+(?:of\s+|is\s+|called\s+|named\s+|=\s*)?${KEY_NAME}`,
      ),
      from,
      to,
    ) ?? c.take(new RegExp(String.raw`\b(?:keyed|partitioned)\s+by\s+${KEY_NAME}`), from, to);
  if (hash?.[1] !== undefined) d.params["hash_key"] = { name: hash[1], type: keyType(hash[2] ?? hash[3]) };
  const range =
    c.take(
      new RegExp(
        String.raw`\b(?:(?:sort|range)\s+key|sk)\s+(?:of\s+|is\s+|called\s+|named\s+|=\s*)?${KEY_NAME}`,
      ),
      from,
      to,
    ) ?? c.take(new RegExp(String.raw`\bsorted\s+by\s+${KEY_NAME}`), from, to);
  if (range?.[1] !== undefined)
    d.params["range_key"] = { name: range[1], type: keyType(range[2] ?? range[3]) };
  const ttl = c.take(
    /\b(?:ttl|time[\s-]to[\s-]live)(?:\s+(?:on|attribute|field|using)\s+["']?([a-z_][a-z0-9_]{0,60}))?/,
    from,
    to,
  );
  if (ttl !== undefined) d.params["ttl_attribute"] = ttl[1] ?? "expires_at";
  if (c.take(/\b(?:dynamodb\s+)?streams?\b/, from, to) !== undefined) d.params["stream"] = true;
  c.take(
    /\b(?:on[\s-]demand|pay[\s-]per[\s-]request|point[\s-]in[\s-]time\s+recovery|pitr|backups?|encrypted|encryption)\b/,
    from,
    to,
  );
  if (c.take(/\bprovisioned(?:\s+capacity)?\b/, from, to) !== undefined)
    f.notes.push(
      "Provisioned capacity was mentioned: the recipe uses on-demand billing; switch after measuring traffic.",
    );
  if (hash === undefined) f.notes.push("No partition key given for the table: used `id` (string).");
}

export function extractSqs(d: Draft, f: Findings): void {
  const { clause: c, from, to } = d;
  if (c.has(/\bfifo\b/, from, to)) d.params["fifo"] = true;
  // "dead-letter queue" itself was claimed before mentions were read, so look ahead for it.
  if (c.take(/\b(?:without|no)\s+(?:a\s+|any\s+)?(?=dead[\s-]*letter|dlq)/, from, to) !== undefined)
    d.params["dlq"] = false;
  c.take(/\b(?:with\s+)?(?:a\s+)?(?:dead[\s-]*letter(?:\s+queue)?|dlq)s?\b/, from, to);
  const receives =
    c.take(
      /\b(?:after|max(?:imum)?(?:\s+of)?|up\s+to|at\s+most)\s+(\d{1,4})\s+(?:failed\s+|unsuccessful\s+)?(?:receives?|attempts?|retries|tries|failures|deliveries|times)\b/,
      from,
      to,
    ) ??
    c.take(/\b(?:max(?:imum)?\s+)?receive\s+count\s+(?:of\s+)?(\d{1,4})\b/, from, to) ??
    c.take(/\b(\d{1,4})\s+(?:failed\s+)?(?:receives|attempts|retries|tries|failures)\b/, from, to);
  if (receives?.[1] !== undefined) {
    const n = Number(receives[1]);
    if (n >= 1 && n <= 1000) d.params["max_receive_count"] = n;
    else f.questions.push("The dead-letter queue limit must be between 1 and 1000 receives: how many?");
  }
  const retention = c.take(
    new RegExp(
      String.raw`\b(?:retain|keep|store)\w*\s+(?:messages?\s+)?(?:for\s+)?${DURATION}|\b${DURATION}\s+(?:message\s+)?retention`,
    ),
    from,
    to,
  );
  if (retention !== undefined) {
    const n = days(retention[1] ?? retention[3], retention[2] ?? retention[4]) ?? 4;
    if (n > 14) f.notes.push(`SQS keeps messages at most 14 days; used 14 instead of ${n}.`);
    d.params["retention_days"] = Math.max(1, Math.min(14, n));
  }
  const visibility = c.take(
    /\bvisibility\s+timeout\s+(?:of\s+)?(\d{1,5})\s*(s|sec|secs|seconds?|m|min|mins|minutes?)\b/,
    from,
    to,
  );
  if (visibility !== undefined)
    d.params["visibility_timeout_seconds"] =
      Number(visibility[1]) * ((visibility[2] ?? "s").startsWith("m") ? 60 : 1);
  c.take(/\b(?:encrypted|encryption|messages?)\b/, from, to);
}

export function extractSns(d: Draft, _f: Findings): void {
  const { clause: c, from, to } = d;
  const subs: { protocol: string; endpoint: string }[] = [];
  for (const m of c.takeAll(
    /\b[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}\b/,
    from,
    to,
  ))
    subs.push({ protocol: "email", endpoint: m[0] });
  for (const m of c.takeAll(
    /\bhttps:\/\/[a-z0-9.-]{1,253}(?::\d{2,5})?(?:\/[a-z0-9._~/-]{0,200})?/,
    from,
    to,
    true,
  ))
    subs.push({ protocol: "https", endpoint: m[0] });
  if (subs.length > 0) d.params["subscriptions"] = subs;
  c.take(
    /\b(?:encrypted|encryption|emails?|e-mails?|subscriptions?|subscribed?|notif(?:y|ications?)|send(?:s|ing)?)\b/,
    from,
    to,
  );
}

export function extractSecret(d: Draft, f: Findings): void {
  const { clause: c, from, to } = d;
  const window = c.take(
    /\b(\d{1,3})[\s-]*days?\s+recovery(?:\s+window)?|\brecovery\s+window\s+(?:of\s+)?(\d{1,3})/,
    from,
    to,
  );
  if (window !== undefined) {
    const n = Number(window[1] ?? window[2]);
    if (n >= 7 && n <= 30) d.params["recovery_window_days"] = n;
    else f.questions.push("The recovery window must be between 7 and 30 days: how many?");
  }
  // A value in the request is never written anywhere; it is claimed so it is not echoed back either.
  if (c.take(/\b(?:value|password|token|key|secret)\s*(?:is|=|:|of)\s*\S+/, from, to) !== undefined) {
    f.notes.push(
      "A secret value appeared in the request: it was not written to Terraform. Set it with `aws secretsmanager put-secret-value`, and rotate it, since it is now in the issue history.",
    );
  }
  c.take(/\b(?:encrypted|encryption|store|storing|holds?|holding)\b/, from, to);
}
