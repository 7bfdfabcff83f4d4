export { diagnose, unmatchedDiagnosis } from "./diagnose.js";
export type { DiagnoseOptions, DiagnosisInput, UnmatchedInput } from "./diagnose.js";
export {
  DiagnosisAnswerError,
  DiagnosisAnswerSchema,
  buildDiagnosisPrompt,
  diagnosisFromAnswer,
} from "./prompt.js";
export type { DiagnosisAnswer, DiagnosisPrompt } from "./prompt.js";
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
