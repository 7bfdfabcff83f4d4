import type { AwsProviderSchema } from "../terraform/schema/types.js";
import { closestName } from "../terraform/validate/suggest.js";
import type { ArgumentSuggester } from "./types.js";

/**
 * "Did you mean" for an unknown argument or block, from the AWS provider schema: the closest argument or
 * nested block name of that resource type. Undefined for types the schema does not know.
 */
export function schemaArgumentSuggester(schema: Pick<AwsProviderSchema, "resource">): ArgumentSuggester {
  return (resourceType, name) => {
    const type = schema.resource(resourceType);
    if (!type) return undefined;
    return closestName(name, [...type.attributes.keys(), ...type.blocks.keys()]) ?? undefined;
  };
}
