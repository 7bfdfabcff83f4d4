import { z } from "zod";
import { namingPrefixAllowed } from "./naming.js";

/** A value a lesson may set: a literal, never an expression (lessons cannot wire references or run code). */
export const LiteralSchema = z.union([z.string().max(256), z.number().finite(), z.boolean()]);
export type Literal = z.infer<typeof LiteralSchema>;

const IDENT = /^[a-z][a-z0-9_]*$/;
const ADDRESS_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** One thing a person changed in a block the agent wrote, from an attribute-level diff of the HCL. */
export const CorrectionSchema = z.object({
  op: z.enum(["changed", "added", "removed", "renamed", "to-module", "file-moved"]),
  resourceType: z.string().regex(IDENT),
  name: z.string().regex(ADDRESS_NAME),
  path: z.string().max(300),
  attribute: z.string().regex(IDENT).optional(),
  /** JSON of the value before and after (expressions are hcl2json's `${…}` strings). */
  from: z.unknown().optional(),
  to: z.unknown().optional(),
  /** renamed: the new block name; file-moved: the new path; to-module: the module's source. */
  target: z.string().max(300).optional(),
});
export type Correction = z.infer<typeof CorrectionSchema>;

const base = {
  /** Natural id of the signal: the same fact delivered twice is recorded once. */
  key: z.string().min(1).max(300),
  /** `owner/name`, lower case. */
  repo: z.string().min(3).max(200),
  at: z.number().int().nonnegative(),
};

export const FeedbackEventSchema = z.discriminatedUnion("kind", [
  z.object({
    ...base,
    kind: z.literal("pr-outcome"),
    pr: z.number().int().positive(),
    url: z.string(),
    merged: z.boolean(),
    humanCommits: z.number().int().nonnegative(),
    lessonsApplied: z.array(z.string()).default([]),
    comment: z.string().max(4000).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal("correction"),
    pr: z.number().int().positive(),
    url: z.string(),
    change: CorrectionSchema,
  }),
  z.object({
    ...base,
    kind: z.literal("review"),
    pr: z.number().int().positive(),
    url: z.string(),
    author: z.string(),
    state: z.enum(["changes_requested", "commented", "approved", "dismissed", "comment"]),
    text: z.string().max(4000),
    path: z.string().max(300).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal("feedback"),
    number: z.number().int().nonnegative(),
    url: z.string(),
    author: z.string(),
    text: z.string().max(4000),
  }),
  z.object({
    ...base,
    /**
     * One of the agent's comments people may react to (GitHub sends no reaction webhook: reactions are read
     * from these later). `comment`: an issue comment by id; `body`: the body of issue/PR `number` itself.
     */
    kind: z.literal("comment"),
    about: z.string().max(50),
    target: z.enum(["comment", "body"]),
    id: z.number().int().positive(),
    number: z.number().int().nonnegative(),
    url: z.string(),
  }),
  z.object({
    ...base,
    kind: z.literal("reaction"),
    url: z.string(),
    /** The kind of the agent's comment (its hidden marker): `diagnosis`, `plan`, `review`, `pr`… */
    about: z.string().max(50),
    fingerprint: z.string().max(100).optional(),
    user: z.string(),
    content: z.enum(["+1", "-1"]),
  }),
  z.object({
    ...base,
    kind: z.literal("diagnosis"),
    fingerprint: z.string().max(100),
    category: z.string().max(60),
    title: z.string().max(300),
    branch: z.string().max(300),
    runId: z.number().int().nonnegative(),
    url: z.string(),
    commentUrl: z.string().optional(),
    commentId: z.number().int().positive().optional(),
  }),
  z.object({
    ...base,
    kind: z.literal("fix"),
    fingerprint: z.string().max(100),
    category: z.string().max(60),
    branch: z.string().max(300),
    sha: z.string().regex(/^[0-9a-f]{7,40}$/),
    message: z.string().max(500),
    url: z.string(),
  }),
  z.object({
    ...base,
    kind: z.literal("forget"),
    id: z.string().max(200),
    author: z.string(),
    url: z.string(),
  }),
]);
export type FeedbackEvent = z.infer<typeof FeedbackEventSchema>;
export type FeedbackKind = FeedbackEvent["kind"];

/** What a lesson does when the agent next works in the repository. */
export const LessonSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,120}$/),
  summary: z.string().max(500),
  scope: z
    .object({
      resource_type: z.string().regex(IDENT).optional(),
      command: z.enum(["request", "diagnose"]).optional(),
      path: z.string().max(300).optional(),
    })
    .default({}),
  /** Set this argument on new blocks of `scope.resource_type`. */
  set: z.object({ attribute: z.string().regex(IDENT), value: LiteralSchema }).optional(),
  /** New blocks of `scope.resource_type` become calls to this local module. */
  module: z.object({ source: z.string().regex(/^\.\/[A-Za-z0-9_./-]{1,200}$/) }).optional(),
  /** Names of new resources start with this prefix (interpolations of variables/locals only). */
  naming: z
    .object({
      prefix: z
        .string()
        .max(120)
        .refine(namingPrefixAllowed, "a naming prefix is only `${var.x}`/`${local.x}` interpolations"),
    })
    .optional(),
  /** Said by a person in their own words: guidance for the model, never executed. */
  quote: z.string().max(4000).optional(),
  /** A failure this repository has seen fixed, and by what. */
  fix: z
    .object({
      fingerprint: z.string().max(100),
      category: z.string().max(60),
      sha: z.string().regex(/^[0-9a-f]{7,40}$/),
      message: z.string().max(500),
    })
    .optional(),
  strength: z.object({ count: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  evidence: z.array(z.string().max(500)).max(20).default([]),
});
export type Lesson = z.infer<typeof LessonSchema>;

/** A lesson the agent used in a change, for the PR body. */
export interface AppliedLesson {
  id: string;
  summary: string;
  /** Where it changed something, e.g. `aws_sqs_queue.orders`. */
  where: string[];
}
