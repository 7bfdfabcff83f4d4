export { diagnose, diagnosisCandidates, unmatchedDiagnosis } from "./diagnose.js";
export type { CandidateSummary, DiagnoseOptions, DiagnosisInput, UnmatchedInput } from "./diagnose.js";
export { findHoles } from "./holes.js";
export { runPlace } from "./context.js";
export type { RepoContext, RunPlace } from "./context.js";
export {
  DiagnosisAnswerError,
  DiagnosisAnswerSchema,
  buildDiagnosisPrompt,
  diagnosisFromAnswer,
} from "./prompt.js";
export type { DiagnosisAnswer, DiagnosisPrompt, PromptContext, PromptOptions } from "./prompt.js";
export { diagnosisFingerprint } from "./fingerprint.js";
export { renderDiagnosisReport } from "./render.js";
export type { JobDiagnosis, RenderOptions } from "./render.js";
export { schemaArgumentSuggester } from "./schema-suggest.js";
export { SIGNATURES } from "./signatures/index.js";
export { DIAGNOSIS_CATEGORIES } from "./types.js";
export type {
  ArgumentSuggester,
  Diagnosis,
  DiagnosisCategory,
  Signature,
  SignatureContext,
  SignatureInput,
  Specifics,
} from "./types.js";
export { autoFixRefusal } from "./safety.js";
