export { CONFIG_PATH, DEFAULT_REPO_CONFIG, RepoConfigSchema } from "./schema.js";
export type { PermissionLevel, RepoConfig } from "./schema.js";
export { parseRepoConfig } from "./load.js";
export type { ConfigProblem, LoadedConfig } from "./load.js";
export { formatConfigProblems } from "./report.js";
export { globMatches, globProblem } from "./globs.js";
