import { iamRisk } from "./risk-iam.js";
import { publicIngressRisk, s3PublicRisk } from "./risk-network.js";
import type { RiskRule, RiskSubject } from "./risk-util.js";
import { STATEFUL_TYPES } from "./stateful.js";
import type { Risk, RiskSeverity } from "./types.js";

const destroyRisk: RiskRule = ({ change, kind, reason }) => {
  if (kind !== "delete") return [];
  const what = change.deposed ? `deposed object ${change.deposed} destroyed` : "destroyed";
  const text = reason ? `${what}: ${reason}` : what;
  return [{ address: change.address, kind: "delete", severity: "high", reason: text }];
};

const replaceRisk: RiskRule = ({ change, kind, reason, replacePaths }) => {
  if (kind !== "replace") return [];
  const order =
    change.change.actions[0] === "create"
      ? "created before the old one is destroyed"
      : "destroyed, then re-created";
  const cause =
    replacePaths.length > 0 ? `; forced by ${replacePaths.join(", ")}` : reason ? `; ${reason}` : "";
  return [{ address: change.address, kind: "replace", severity: "high", reason: `${order}${cause}` }];
};

const statefulRisk: RiskRule = ({ change, kind }) => {
  const what = STATEFUL_TYPES[change.type];
  if (!what || (kind !== "delete" && kind !== "replace")) return [];
  // A deleted key does not lose data itself: everything encrypted under it becomes unreadable.
  if (what === "encryption key") {
    const reason = "encryption key: once the old key is deleted, data encrypted under it cannot be decrypted";
    return [{ address: change.address, kind: "stateful", severity: "critical", reason }];
  }
  const reason =
    kind === "delete"
      ? `stateful ${what}: destroying it loses its data`
      : `stateful ${what}: the replacement starts empty, existing data is lost unless restored`;
  return [{ address: change.address, kind: "stateful", severity: "critical", reason }];
};

const RULES: readonly RiskRule[] = [
  destroyRisk,
  replaceRisk,
  statefulRisk,
  iamRisk,
  publicIngressRisk,
  s3PublicRisk,
];

/** Every risk a managed resource change carries, each with a severity and a short reason. */
export function risksOf(subject: RiskSubject): Risk[] {
  if (subject.change.mode !== "managed") return [];
  return RULES.flatMap((rule) => rule(subject));
}

const ORDER: Readonly<Record<RiskSeverity, number>> = { critical: 0, high: 1, info: 2 };

/** Most severe first; plan order within a severity (a stable sort). */
export function rankRisks(risks: readonly Risk[]): Risk[] {
  return [...risks].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
