import type { PlanFacts } from "../plan/facts-record.js";
import type { ReviewLevel } from "../review/index.js";

/** One resource the code diff adds, changes or removes. `address` carries the module folder when not root. */
export interface ResourceDiff {
  /** `aws_s3_bucket.logs`, or `modules/db: aws_db_instance.main` for a resource in a module folder. */
  address: string;
  type: string;
  file: string;
  /** Top-level arguments and blocks whose text differs (changed resources only), sorted. */
  arguments: string[];
  /** `lifecycle { prevent_destroy = true }` in the version that is removed or kept. */
  preventDestroy: boolean;
  /** A managed engine (database, cache, broker) whose version argument is not set: AWS picks one at creation. */
  unpinnedEngine: string | null;
}

/** What the Terraform files of the pull request declare differently from the base branch. */
export interface DiffFacts {
  created: ResourceDiff[];
  changed: ResourceDiff[];
  destroyed: ResourceDiff[];
  /** `moved` blocks the change adds. */
  moved: { from: string; to: string }[];
  /** Terraform files the pull request touches, and how many other files. */
  terraformFiles: string[];
  otherFiles: number;
  /** Files that could not be parsed on either side (their resources are unknown). */
  unreadable: string[];
}

/** The latest plan comment of one root, as the plan Action recorded it. */
export interface PlanSource {
  facts: PlanFacts;
  url: string;
  /** False when the plan is of an older commit than the pull request's head. */
  current: boolean;
}

/** A review-table finding on a resource the change touches (security or cost). */
export interface ReviewFact {
  ruleId: string;
  source: "security" | "cost";
  level: ReviewLevel;
  address: string | null;
  file: string;
  line: number | null;
  message: string;
}

export type RiskLevel = "critical" | "high" | "cost" | "info";

export interface RiskFact {
  level: RiskLevel;
  address: string;
  /** What happens and why it matters, in one sentence. */
  text: string;
  /** "plan", "diff" or the review rule id it comes from. */
  from: string;
}

/** Everything the explanation may say; a model rewriting it may use nothing else. */
export interface ExplainFacts {
  pullRequest: { number: number; headSha: string; baseRef: string; baseSha: string | null };
  diff: DiffFacts;
  plans: PlanSource[];
  review: { findings: ReviewFact[]; ran: boolean; why: string };
  /** Derived: most severe first. */
  risks: RiskFact[];
  questions: Question[];
}

/** A sentence of our own words and identifiers from the repository (`{ code }`, quoted when rendered). */
export type Question = (string | { code: string })[];
