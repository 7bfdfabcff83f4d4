export type * from "./types.js";
export { reviewFiles, conclusionOf, reviewFinding, rulesOf, type ReviewInput } from "./run.js";
export { renderReviewSummary, reviewTitle, SUMMARY_LIMIT } from "./summary.js";
export {
  annotationsOf,
  batches,
  ANNOTATIONS_PER_REQUEST,
  MAX_ANNOTATIONS,
  type CheckAnnotation,
} from "./annotations.js";
export { toSarif, type SarifOptions } from "./sarif.js";
export { SECURITY_TABLE, COST_TABLE } from "./table.js";
