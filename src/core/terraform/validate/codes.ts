/** Stable finding codes of the validator; scripts and the repair loop match on them. */
export const VALIDATION_CODES = {
  unknownResourceType: "unknown_resource_type",
  unknownDataSourceType: "unknown_data_source_type",
  unknownArgument: "unknown_argument",
  unknownBlock: "unknown_block",
  missingRequiredArgument: "missing_required_argument",
  missingRequiredBlock: "missing_required_block",
  attributeAsBlock: "attribute_as_block",
  blockAsAttribute: "block_as_attribute",
  notFormatted: "not_formatted",
  /** Warnings: terraform accepts it, the provider says it will go. */
  deprecatedArgument: "deprecated_argument",
  deprecatedType: "deprecated_type",
} as const;

export type ValidationCode = (typeof VALIDATION_CODES)[keyof typeof VALIDATION_CODES];
