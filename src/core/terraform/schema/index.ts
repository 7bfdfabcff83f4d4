export {
  loadAwsProviderSchema,
  createAwsProviderSchema,
  bundledSchemaLines,
  bundledConstraintSource,
  schemaFor,
  SCHEMA_FILE_NAME,
} from "./loader.js";
export { awsConstraintOf, awsVersionConstraint, type ProviderRequirement } from "./requirement.js";
export { lockedAwsVersion, selectSchemaLine, type SchemaChoice } from "./select.js";
export type { SchemaLine } from "./manifest.js";
export type { ArgumentConstraint, ConstraintKind } from "./constraints.js";
export type {
  AttributeSchema,
  AwsProviderSchema,
  BlockSchema,
  NestedBlockSchema,
  SchemaVersion,
  TypeSchema,
} from "./types.js";
