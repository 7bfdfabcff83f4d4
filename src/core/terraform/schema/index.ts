export { loadAwsProviderSchema, createAwsProviderSchema, SCHEMA_FILE_NAME } from "./loader.js";
export type {
  AttributeSchema,
  AwsProviderSchema,
  BlockSchema,
  NestedBlockSchema,
  SchemaVersion,
  TypeSchema,
} from "./types.js";
