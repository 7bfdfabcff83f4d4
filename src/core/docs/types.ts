/** Where a piece of documentation came from: fetched now, served from the disk cache, or the offline schema. */
export type DocsOrigin = "live" | "cache" | "schema";

export type DocKind = "resource" | "data";

export interface ArgumentDoc {
  name: string;
  required: boolean;
  description: string;
  /** Nested block this argument belongs to ("" for top level), e.g. "versioning". */
  block: string;
}

export interface ProviderFrontMatter {
  subcategory: string;
  layout: string;
  pageTitle: string;
  description: string;
}

/** One heading and the text under it, the unit that retrieval ranks and fits into a budget. */
export interface DocSection {
  heading: string;
  text: string;
}

export interface ProviderDoc {
  type: string;
  kind: DocKind;
  frontMatter: ProviderFrontMatter;
  title: string;
  description: string;
  examples: string[];
  arguments: ArgumentDoc[];
  attributes: ArgumentDoc[];
  importText: string;
  sections: DocSection[];
}

export interface AuthorizationAction {
  /** Fully qualified, e.g. "s3:PutObject". */
  action: string;
  description: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
  dependentActions: string[];
}

export interface AuthorizationResourceType {
  name: string;
  arnPattern: string;
  conditionKeys: string[];
}

export interface AuthorizationConditionKey {
  name: string;
  description: string;
  type: string;
}

export interface AuthorizationReference {
  serviceName: string;
  servicePrefix: string;
  actions: AuthorizationAction[];
  resourceTypes: AuthorizationResourceType[];
  conditionKeys: AuthorizationConditionKey[];
}

/** What `lookupAction("s3:PutObject")` answers: the action and the ARN pattern of each resource type it applies to. */
export interface ActionLookup {
  action: AuthorizationAction;
  resources: { name: string; required: boolean; arnPattern: string }[];
  url: string;
}

export interface RetrievedSection {
  type: string;
  url: string;
  heading: string;
  text: string;
  source: DocsOrigin;
}

export interface RetrievedDocs {
  sections: RetrievedSection[];
  consulted: { title: string; url: string }[];
  /** False when any document came from the schema fallback or could not be fetched. */
  live: boolean;
  /** Plain-language notes for the user or the model ("docs for aws_x were not live: …"). */
  notes: string[];
  bytes: number;
}
