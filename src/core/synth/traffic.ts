/**
 * Network rules a request states in words ("allow inbound HTTPS from anywhere", "all outbound traffic",
 * "port 8080 from 10.0.0.0/8") → one security group rule each. A sentence that speaks of traffic but that
 * no rule could be read from is returned as unparsed, so the plan says it did not understand it.
 */
export interface TrafficRule {
  direction: "ingress" | "egress";
  /** -1 with protocol "-1" for all traffic. */
  fromPort: number;
  toPort: number;
  protocol: "tcp" | "udp" | "-1";
  /** A CIDR, or "vpc" for the VPC's own range. */
  source: string;
  /** A local name for the rule (`https_in`). */
  name: string;
  phrase: string;
}

const PORTS: Record<string, [number, "tcp" | "udp"]> = {
  http: [80, "tcp"],
  https: [443, "tcp"],
  ssh: [22, "tcp"],
  rdp: [3389, "tcp"],
  mysql: [3306, "tcp"],
  aurora: [3306, "tcp"],
  mariadb: [3306, "tcp"],
  postgres: [5432, "tcp"],
  postgresql: [5432, "tcp"],
  redis: [6379, "tcp"],
  memcached: [11211, "tcp"],
  dns: [53, "udp"],
  smtp: [25, "tcp"],
  nfs: [2049, "tcp"],
  mongodb: [27017, "tcp"],
};

const OPEN =
  /\b(?:anywhere|any\s*where|any\s+ip(?:\s+address)?|all\s+ips?|everyone|the\s+(?:whole\s+)?(?:internet|world)|0\.0\.0\.0\/0|public(?:ly)?)\b/i;
const CIDR = /\b(\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2})\b/;
const TRAFFIC =
  /\b(?:inbound|outbound|ingress|egress|incoming|outgoing)\b|\ballow(?:s|ing|ed)?\b[^.]{0,60}\b(?:traffic|port|access|connections?|http|https|ssh|tcp|udp)\b|\b(?:reachable|accessible)\b[^.]{0,40}\b(?:over|via|on|from)\b|\b(?:ssh|rdp|https?)\s+(?:access\s+)?(?:from|only\s+from)\b/i;
const EGRESS = /\b(?:outbound|egress|outgoing)\b/i;
const ALL = /\ball\s+(?:outbound\s+|inbound\s+|egress\s+|ingress\s+)?(?:traffic|ports|protocols)\b/i;

const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.;!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

function source(sentence: string): string {
  const cidr = CIDR.exec(sentence)?.[1];
  if (cidr !== undefined) return cidr;
  if (OPEN.test(sentence)) return "0.0.0.0/0";
  return "vpc";
}

/** Clauses of one sentence that speak of one direction each ("inbound HTTPS …, and all outbound"). */
function clauses(sentence: string): string[] {
  return sentence.split(/,\s*(?:and\s+)?|\s+and\s+(?=(?:all\s+)?(?:inbound|outbound|ingress|egress))/i);
}

export function trafficRules(request: string): { rules: TrafficRule[]; unparsed: string[] } {
  const rules: TrafficRule[] = [];
  const unparsed: string[] = [];
  const named = new Set<string>();
  const add = (rule: Omit<TrafficRule, "name">, base: string): void => {
    // "Postgres … on port 5432" states one rule twice.
    const same = (r: TrafficRule): boolean =>
      r.direction === rule.direction &&
      r.fromPort === rule.fromPort &&
      r.toPort === rule.toPort &&
      r.protocol === rule.protocol &&
      r.source === rule.source;
    if (rules.some(same)) return;
    let name = base;
    for (let i = 2; named.has(name); i++) name = `${base}_${i}`;
    named.add(name);
    rules.push({ ...rule, name });
  };
  for (const sentence of sentences(request)) {
    if (!TRAFFIC.test(sentence)) continue;
    let found = false;
    let direction: TrafficRule["direction"] = "ingress";
    for (const clause of clauses(sentence)) {
      if (EGRESS.test(clause)) direction = "egress";
      else if (/\b(?:inbound|ingress|incoming)\b/i.test(clause)) direction = "ingress";
      const suffix = direction === "ingress" ? "in" : "out";
      const from = direction === "egress" && !CIDR.test(clause) ? "0.0.0.0/0" : source(clause);
      if (ALL.test(clause) || (direction === "egress" && !/\bports?\b|\b(?:tcp|udp)\b/i.test(clause))) {
        add(
          { direction, fromPort: -1, toPort: -1, protocol: "-1", source: from, phrase: clause },
          `all_${suffix}`,
        );
        found = true;
        continue;
      }
      for (const m of clause.toLowerCase().matchAll(/\b[a-z]+\b/g)) {
        const port = PORTS[m[0]];
        if (port === undefined) continue;
        add(
          {
            direction,
            fromPort: port[0],
            toPort: port[0],
            protocol: port[1],
            source: source(clause),
            phrase: clause,
          },
          `${m[0]}_${suffix}`,
        );
        found = true;
      }
      for (const m of clause.matchAll(/\bports?\s+(\d{1,5})(?:\s*(?:-|to)\s*(\d{1,5}))?/gi)) {
        const low = Number(m[1]);
        const high = m[2] === undefined ? low : Number(m[2]);
        if (low > 65535 || high > 65535 || high < low) continue;
        const protocol = /\budp\b/i.test(clause) ? "udp" : "tcp";
        add(
          { direction, fromPort: low, toPort: high, protocol, source: source(clause), phrase: clause },
          `port_${low}_${suffix}`,
        );
        found = true;
      }
    }
    if (!found && /\b(?:inbound|outbound|ingress|egress)\b/i.test(sentence)) unparsed.push(sentence);
  }
  return { rules, unparsed };
}
