export * from "./types.js";
export { diffAgentBlocks, type PullVersions } from "./diff.js";
export { distill, type DistillOptions } from "./distill.js";
export { feedbackRest, moduleStatement } from "./feedback-text.js";
export { lessonValueAllowed, moduleSourceAllowed } from "./guard.js";
export {
  LESSONS_BRANCH,
  LESSONS_PATH,
  effectiveLessons,
  parseLessonsFile,
  updateLessonsFile,
  type EffectiveLesson,
  type LessonsFile,
} from "./file.js";
export { applyLessons, type LessonInput, type LessonOutput } from "./apply.js";
export type { ModuleInterface } from "./module.js";
export {
  appliedLessonIds,
  appliedLessonsSection,
  inertText,
  lessonGuidance,
  priorFixNote,
  renderLessonList,
} from "./render.js";
export { acceptance, renderAcceptance, type Acceptance } from "./stats.js";
export { GUIDANCE_FILES, guidanceLessons, guidanceText, type GuidanceText } from "./guidance.js";
export { REACTABLE_KINDS, reactionsByKind, renderReactions, type ReactionCount } from "./reactions.js";
