export {
  NAMED_CONSTRUCTS,
  DEFAULT_REGISTRY_HOSTS,
  type ConstructKind,
  type ExecutableConstruct,
  type ExecutablePolicy,
  type NamedConstruct,
} from "./types.js";
export { findExecutableConstructs, ciConstruct } from "./detect.js";
export { isAllowed, executableFindings, allowHint, EXECUTABLE_CODE_PREFIX } from "./policy.js";
export { moduleOrigin, providerHost, type ModuleOrigin } from "./sources.js";
export { executablePolicy, addedConstructs } from "./config.js";
