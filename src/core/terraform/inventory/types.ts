/** A `resource` or `data` block. `dir` is the module directory (`""` = the scanned root). */
export interface ResourceEntry {
  type: string;
  name: string;
  file: string;
  dir: string;
  line: number | null;
}

export interface ModuleCall {
  name: string;
  source: string | null;
  version: string | null;
  file: string;
  dir: string;
  line: number | null;
  /** The directory a local source (`./x`, `../x`) points at, relative to the scanned root; else null. */
  localDir: string | null;
}

export interface RequiredProvider {
  name: string;
  source: string | null;
  version: string | null;
  file: string;
  dir: string;
}

/** Backend settings keep only literal, non-secret values; credentials and expressions are left out. */
export interface Backend {
  type: string;
  file: string;
  dir: string;
  settings: Record<string, string | number | boolean>;
}

export interface VariableEntry {
  name: string;
  type: string | null;
  description: string | null;
  hasDefault: boolean;
  sensitive: boolean;
  file: string;
  dir: string;
}

export interface OutputEntry {
  name: string;
  description: string | null;
  sensitive: boolean;
  file: string;
  dir: string;
}

export interface ProviderConfig {
  name: string;
  alias: string | null;
  /** The `region` argument as written: a literal, or an expression such as `var.region`. */
  region: string | null;
  file: string;
  dir: string;
}

export type ModuleRole = "root" | "module";

/** A directory holding Terraform files and whether Terraform would be run in it. */
export interface ModuleDirectory {
  dir: string;
  role: ModuleRole;
  reason: string;
  files: string[];
}

export interface Inventory {
  resources: ResourceEntry[];
  dataSources: ResourceEntry[];
  moduleCalls: ModuleCall[];
  requiredProviders: RequiredProvider[];
  requiredVersions: Array<{ constraint: string; file: string; dir: string }>;
  backends: Backend[];
  providers: ProviderConfig[];
  variables: VariableEntry[];
  outputs: OutputEntry[];
  directories: ModuleDirectory[];
  /** Directories Terraform would be run in, sorted. */
  rootModules: string[];
}
