export { pullRequestBody, pullRequestTitle } from "./body.js";
export { risksFor } from "./risks.js";
export type { ChangeReport } from "./types.js";
