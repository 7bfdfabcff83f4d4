import { applyTask } from "./apply.js";
import { explainTask } from "./explain.js";
import { fixTask } from "./fix.js";
import { helpTask } from "./help.js";
import { planTask } from "./plan.js";
import { requestTask } from "./request.js";
import { setupTask } from "./setup/index.js";
import { reviewTask } from "./review.js";
import { statsTask } from "./stats.js";
import { feedbackTask, forgetTask, lessonsTask } from "./learning/commands.js";
import type { CommandTask } from "./types.js";

/** The commands this build can run. `/agent help` lists exactly these. */
export const defaultTasks: readonly CommandTask[] = [
  helpTask,
  planTask,
  applyTask,
  reviewTask,
  explainTask,
  requestTask,
  fixTask,
  setupTask,
  statsTask,
  feedbackTask,
  lessonsTask,
  forgetTask,
];
