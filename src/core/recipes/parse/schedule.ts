import type { Clause } from "./text.js";

const TIME = String.raw`(?:(\d{1,2})(?::(\d{2}))?\s*(am|pm)?|(noon|midnight))(?:\s*utc)?`;
const DAYS: Record<string, string> = {
  monday: "MON",
  tuesday: "TUE",
  wednesday: "WED",
  thursday: "THU",
  friday: "FRI",
  saturday: "SAT",
  sunday: "SUN",
};

export type ScheduleResult = { expression: string } | { problem: string };

/** Hour and minute from a TIME match starting at group `g`, or undefined if not a clock time. */
function clock(m: RegExpExecArray, g: number): { h: number; min: number } | undefined {
  if (m[g + 3] === "noon") return { h: 12, min: 0 };
  if (m[g + 3] === "midnight") return { h: 0, min: 0 };
  let h = Number(m[g]);
  const min = m[g + 1] === undefined ? 0 : Number(m[g + 1]);
  const ampm = m[g + 2];
  if (ampm !== undefined && (h < 1 || h > 12)) return undefined;
  if (ampm === "pm" && h !== 12) h += 12;
  if (ampm === "am" && h === 12) h = 0;
  return h <= 23 && min <= 59 ? { h, min } : undefined;
}

const unit = (n: number, word: string): string => {
  const base = word.startsWith("m") ? "minute" : word.startsWith("h") ? "hour" : "day";
  return `rate(${n} ${base}${n === 1 ? "" : "s"})`;
};

/** English schedule phrases → EventBridge expressions (UTC). Claims the phrase it used. */
export function takeSchedule(clause: Clause, from: number, to: number): ScheduleResult | undefined {
  const cron = clause.take(/\bcron\s*\(([^)]{1,80})\)/, from, to);
  if (cron !== undefined)
    return { expression: `cron(${(cron[1] ?? "").trim().replace(/\s+/g, " ").toUpperCase()})` };
  const rate = clause.take(/\brate\s*\(\s*(\d{1,4})\s+(minutes?|hours?|days?)\s*\)/, from, to);
  if (rate !== undefined) return { expression: unit(Number(rate[1]), rate[2] ?? "") };
  const weekday = clause.take(
    new RegExp(
      String.raw`\b(?:every|each|on)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\s+at\s+${TIME}`,
    ),
    from,
    to,
  );
  if (weekday !== undefined) {
    const t = clock(weekday, 2);
    return t === undefined
      ? { problem: "a clock time I could not read" }
      : { expression: `cron(${t.min} ${t.h} ? * ${DAYS[weekday[1] ?? ""] ?? "MON"} *)` };
  }
  const weekdays = clause.take(
    new RegExp(String.raw`\b(?:every\s+|on\s+)?weekdays?\s+at\s+${TIME}`),
    from,
    to,
  );
  if (weekdays !== undefined) {
    const t = clock(weekdays, 1);
    return t === undefined
      ? { problem: "a clock time I could not read" }
      : { expression: `cron(${t.min} ${t.h} ? * MON-FRI *)` };
  }
  const daily = clause.take(
    new RegExp(
      String.raw`\b(?:(?:every|each)\s+(?:day|night)|daily|nightly)\s+at\s+${TIME}|\bat\s+${TIME}\s+(?:every\s+day|daily|each\s+day)`,
    ),
    from,
    to,
  );
  if (daily !== undefined) {
    const t = daily[1] !== undefined || daily[4] !== undefined ? clock(daily, 1) : clock(daily, 5);
    return t === undefined
      ? { problem: "a clock time I could not read" }
      : { expression: `cron(${t.min} ${t.h} * * ? *)` };
  }
  const every = clause.take(
    /\bevery\s+(\d{1,4})\s*(minutes?|mins?|hours?|hrs?|days?|seconds?|secs?)\b/,
    from,
    to,
  );
  if (every !== undefined) {
    const n = Number(every[1]);
    if ((every[2] ?? "").startsWith("s"))
      return { problem: "EventBridge schedules run at most once a minute" };
    return n < 1 ? { problem: "a zero interval" } : { expression: unit(n, every[2] ?? "") };
  }
  const simple = clause.take(
    /\b(?:every\s+(minute|hour|day|week|night)|(hourly|daily|nightly|weekly))\b/,
    from,
    to,
  );
  if (simple !== undefined) {
    const word = simple[1] ?? simple[2] ?? "";
    if (word === "week" || word === "weekly") return { expression: "rate(7 days)" };
    if (word === "nightly" || word === "night") return { expression: "cron(0 2 * * ? *)" };
    return { expression: unit(1, word.replace("ly", "").replace("dai", "day")) };
  }
  return undefined;
}
