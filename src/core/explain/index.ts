export type * from "./types.js";
export { diffResources, type DiffInput } from "./diff.js";
export { explainFacts, type FactsInput } from "./facts.js";
export { renderExplanation, joinExplanation, EXPLAIN_BUDGET, type Explanation } from "./render.js";
export { explainPrompt, verifyAnswer, type Verdict } from "./model.js";
export { latestPlans } from "./plans.js";
