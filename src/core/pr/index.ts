export { pullRequestBody, pullRequestTitle } from "./body.js";
export { risksFor, typeRisk } from "./risks.js";
export type { ChangeReport } from "./types.js";
