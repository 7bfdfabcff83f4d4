import { z } from "zod";

/** The bundled schemas: a full base file and, per other provider line, a patch against it. */
export const MANIFEST_FILE = "aws-provider-schemas.json";
export const BASE_FILE = "aws-provider-schema.json";
export const patchFileName = (line: string): string => `aws-provider-schema.${line}.patch.json`;

const source = z.object({
  package: z.string(),
  packageVersion: z.string(),
  provider: z.string(),
  providerVersion: z.string(),
});

export const schemaManifestSchema = z.object({
  format: z.literal(2),
  /** The major version whose schema is the base file. */
  base: z.string(),
  lines: z.array(
    z.object({
      /** Major version: `4`, `5`, `6`. */
      line: z.string(),
      file: z.string().regex(/^aws-provider-schema(\.\d+\.patch)?\.json$/),
      source,
      /** Anything a reader must know about where the version came from. */
      note: z.string().optional(),
    }),
  ),
});

export type SchemaManifest = z.infer<typeof schemaManifestSchema>;
export type SchemaLine = SchemaManifest["lines"][number];
