// Validation lives in src/validation/ (below tasks and the agent); this path stays for existing importers.
export { validateDirectory, validateFiles } from "../validation/offline.js";
export type { ValidateDeps, ValidationResult } from "../validation/offline.js";
