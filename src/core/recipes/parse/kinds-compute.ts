import type { Draft, Findings } from "./draft.js";
import { takeSchedule } from "./schedule.js";
import { DURATION, days } from "./words.js";

const PYTHONS = new Set(["9", "10", "11", "12", "13"]);

export function extractLambda(d: Draft, f: Findings): void {
  const { clause: c, from, to } = d;
  const py = c.take(/\bpython\s*(?:v(?:ersion)?\s*)?3\.(\d{1,2})\b/, from, to);
  if (py !== undefined) {
    if (PYTHONS.has(py[1] ?? "")) d.params["runtime"] = `python3.${py[1]}`;
    else
      f.questions.push(`Python 3.${py[1]} is not a Lambda runtime I can use: python3.9 to python3.13 are.`);
  }
  c.take(/\bpython\b/, from, to);
  const other = c.take(
    /\b(?:node(?:\.?js)?|javascript|typescript|java|golang|go|ruby|\.net|dotnet|c#|rust)\b/,
    from,
    to,
  );
  if (other !== undefined) {
    f.questions.push(
      `The offline recipes write Python Lambda functions only; a ${other[0]} function needs a model (configure an LLM), or ask for a Python one.`,
    );
    d.dropped = true;
  }
  const mem = c.take(
    /\b(\d{1,5}(?:\.\d)?)\s*(mb|mib|gb|gib)\b(?:\s+(?:of\s+)?(?:memory|ram))?|\b(?:memory|ram)\s+(?:of\s+)?(\d{2,5})\s*(mb|mib|gb|gib)?\b/,
    from,
    to,
  );
  if (mem !== undefined) {
    const mb = Math.round(Number(mem[1] ?? mem[3]) * (/^g/.test(mem[2] ?? mem[4] ?? "mb") ? 1024 : 1));
    if (mb >= 128 && mb <= 10240) d.params["memory_mb"] = mb;
    else f.questions.push("Lambda memory must be between 128 MB and 10240 MB: how much?");
  }
  const timeout = c.take(
    /\b(?:timeout|time\s+limit)\s+(?:of\s+)?(\d{1,4})\s*(s|sec|secs|seconds?|m|min|mins|minutes?)\b|\b(\d{1,4})\s*(s|sec|secs|seconds?|m|min|mins|minutes?)\s+(?:timeout|time\s+limit)\b/,
    from,
    to,
  );
  if (timeout !== undefined) {
    const seconds =
      Number(timeout[1] ?? timeout[3]) * ((timeout[2] ?? timeout[4] ?? "s").startsWith("m") ? 60 : 1);
    if (seconds >= 1 && seconds <= 900) d.params["timeout_seconds"] = seconds;
    else f.questions.push("A Lambda timeout must be between 1 second and 15 minutes: how long?");
  }
  const logs = c.take(
    new RegExp(
      String.raw`\b(?:keep|retain)\w*\s+(?:the\s+)?logs?\s+(?:for\s+)?${DURATION}|\blogs?\s+(?:retained|kept)\s+(?:for\s+)?${DURATION}|\b${DURATION}\s+(?:log\s+retention|of\s+logs)`,
    ),
    from,
    to,
  );
  if (logs !== undefined)
    d.params["log_retention_days"] = days(logs[1] ?? logs[3] ?? logs[5], logs[2] ?? logs[4] ?? logs[6]);
  if (c.take(/\b(?:x86(?:_64)?|amd64|intel)\b/, from, to) !== undefined) d.params["architecture"] = "x86_64";
  if (c.take(/\b(?:arm64|arm|graviton)\b/, from, to) !== undefined) d.params["architecture"] = "arm64";
  const schedule = takeSchedule(c, from, to);
  if (schedule !== undefined && "expression" in schedule) d.schedule = schedule.expression;
  if (schedule !== undefined && "problem" in schedule)
    f.questions.push(
      `I could not turn the schedule into EventBridge terms (${schedule.problem}): how often should it run?`,
    );
  c.take(
    /\b(?:that\s+|which\s+)?(?:is\s+)?(?:triggered|invoked|scheduled|runs?|running|executes?|fires?)\b/,
    from,
    to,
  );
}

export function extractEcr(d: Draft, _f: Findings): void {
  const { clause: c, from, to } = d;
  const keep = c.take(
    /\b(?:keep(?:s|ing)?|retain(?:s|ing)?|only)\s+(?:the\s+)?(?:last|latest|most\s+recent|newest)?\s*(\d{1,4})\s+(?:images?|tags?|versions?)\b|\blast\s+(\d{1,4})\s+images?\b/,
    from,
    to,
  );
  const n = Number(keep?.[1] ?? keep?.[2]);
  if (keep !== undefined && n >= 1 && n <= 1000) d.params["keep_images"] = n;
  if (c.take(/\bmutable\s+tags?\b/, from, to) !== undefined && !c.has(/\bimmutable\b/, from, to))
    d.params["immutable_tags"] = false;
  c.take(
    /\b(?:immutable(?:\s+tags?)?|scan(?:ning|ned)?(?:\s+on\s+push)?|vulnerability\s+scan\w*)\b/,
    from,
    to,
  );
}

export function extractKms(d: Draft, f: Findings): void {
  const { clause: c, from, to } = d;
  const window = c.take(
    /\b(\d{1,2})[\s-]*days?\s+deletion(?:\s+window)?|\bdeletion\s+window\s+(?:of\s+)?(\d{1,2})/,
    from,
    to,
  );
  if (window !== undefined) {
    const n = Number(window[1] ?? window[2]);
    if (n >= 7 && n <= 30) d.params["deletion_window_days"] = n;
    else f.questions.push("A KMS deletion window must be between 7 and 30 days: how many?");
  }
  c.take(/\b(?:with\s+)?(?:automatic\s+)?(?:key\s+)?rotation(?:\s+enabled)?\b|\balias\b/, from, to);
}

const SERVICE_PORTS: Record<string, number> = {
  https: 443,
  http: 80,
  ssh: 22,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  redis: 6379,
  rdp: 3389,
  mongodb: 27017,
};

export function extractSg(d: Draft, f: Findings): void {
  const { clause: c, from, to } = d;
  // Ports pair with the networks that follow them: "https from 10.0.0.0/16 and ssh from 10.1.0.0/16".
  const tokens: (
    { at: number; port: { from_port: number; to_port?: number } } | { at: number; cidr: string }
  )[] = [];
  for (const m of c.takeAll(
    /\bports?\s+(\d{1,5})(?:\s*(?:-|to)\s*(\d{1,5}))?((?:\s*(?:,|and)\s*\d{1,5})*)/,
    from,
    to,
  )) {
    const lo = Number(m[1]);
    tokens.push({
      at: m.index,
      port: m[2] === undefined ? { from_port: lo } : { from_port: lo, to_port: Number(m[2]) },
    });
    for (const extra of (m[3] ?? "").matchAll(/\d{1,5}/g))
      tokens.push({ at: m.index, port: { from_port: Number(extra[0]) } });
  }
  for (const m of c.takeAll(/\b(https|http|ssh|postgres(?:ql)?|mysql|redis|rdp|mongodb)\b/, from, to))
    tokens.push({ at: m.index, port: { from_port: SERVICE_PORTS[m[1] ?? ""] ?? 443 } });
  for (const m of c.takeAll(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\/\d{1,2}\b/, from, to))
    tokens.push({ at: m.index, cidr: m[0] });
  for (const m of c.takeAll(
    /\b(?:from\s+)?(?:anywhere|the\s+(?:whole\s+)?internet|everyone|the\s+public)\b/,
    from,
    to,
  ))
    tokens.push({ at: m.index, cidr: "0.0.0.0/0" });
  c.take(/\b(?:allow(?:s|ing)?|inbound|ingress|open(?:ing)?|traffic|access)\b/, from, to);
  tokens.sort((a, b) => a.at - b.at);
  const ports: { from_port: number; to_port?: number }[] = [];
  const pairs: { from_port: number; to_port?: number; cidr: string }[] = [];
  const cidrs: string[] = [];
  let pending: { from_port: number; to_port?: number }[] = [];
  for (const t of tokens) {
    if ("port" in t) {
      if (cidrs.length > 0 && pending.length === 0 && pairs.length > 0) cidrs.length = 0;
      pending.push(t.port);
      ports.push(t.port);
    } else {
      cidrs.push(t.cidr);
      pairs.push(...pending.map((p) => ({ ...p, cidr: t.cidr })));
      if (pending.length === 0)
        pairs.push(
          ...ports
            .filter((p) => !pairs.some((q) => q.from_port === p.from_port))
            .map((p) => ({ ...p, cidr: t.cidr })),
        );
      pending = [];
    }
  }
  const valid = ports.filter(
    (p) =>
      p.from_port <= 65535 &&
      (p.to_port ?? p.from_port) <= 65535 &&
      (p.to_port ?? p.from_port) >= p.from_port,
  );
  if (valid.length < ports.length)
    f.questions.push("A port in the request is not between 0 and 65535: which ports?");
  if (valid.length > 0 && cidrs.length === 0) {
    const numbers = [...new Set(valid.map((p) => p.from_port))];
    f.questions.push(
      `From which network (CIDR, e.g. 10.0.0.0/16) should port${numbers.length > 1 ? "s" : ""} ${numbers.join(", ")} be reachable? I added no ingress rule.`,
    );
    return;
  }
  if (valid.length === 0 && cidrs.length > 0)
    f.questions.push(`Which port should ${cidrs.join(", ")} reach? I added no ingress rule.`);
  if (pending.length > 0 && pairs.length > 0)
    f.questions.push(
      `From which network should port ${pending.map((p) => p.from_port).join(", ")} be reachable? I added no rule for it.`,
    );
  const rules = pairs
    .filter((p) => valid.some((v) => v.from_port === p.from_port))
    .map((p) => ({ ...p, protocol: "tcp" }));
  const publicNonWeb = rules.filter(
    (r) => r.cidr === "0.0.0.0/0" && !(r.from_port === 443 || r.from_port === 80),
  );
  if (publicNonWeb.length > 0) {
    f.questions.push(
      `Opening port ${publicNonWeb.map((r) => r.from_port).join(", ")} to the whole internet is not something I do: which CIDR should reach it?`,
    );
  }
  const kept = rules.filter(
    (r, i) =>
      !publicNonWeb.includes(r) &&
      rules.findIndex((o) => o.from_port === r.from_port && o.to_port === r.to_port && o.cidr === r.cidr) ===
        i,
  );
  if (kept.length > 0) d.params["ingress"] = kept;
  if (kept.some((r) => r.cidr === "0.0.0.0/0")) d.params["allow_public_ingress"] = true;
}
