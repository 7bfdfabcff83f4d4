import { z } from "zod";

/**
 * The parts of a jsii assembly (`.jsii`, the JSON type description that @cdktf/provider-aws ships) that
 * the schema extraction reads. Everything else in the 130 MB file is ignored.
 */
export interface JsiiTypeRef {
  primitive?: string | undefined;
  fqn?: string | undefined;
  collection?: { kind: string; elementtype: JsiiTypeRef } | undefined;
  union?: { types: JsiiTypeRef[] } | undefined;
}

const typeRef: z.ZodType<JsiiTypeRef> = z.lazy(() =>
  z.object({
    primitive: z.string().optional(),
    fqn: z.string().optional(),
    collection: z.object({ kind: z.string(), elementtype: typeRef }).optional(),
    union: z.object({ types: z.array(typeRef) }).optional(),
  }),
);

const docs = z.object({ summary: z.string().optional(), remarks: z.string().optional() }).optional();

const property = z.object({
  name: z.string(),
  optional: z.boolean().optional(),
  static: z.boolean().optional(),
  docs,
  type: typeRef,
});

const jsiiType = z.object({
  kind: z.string(),
  fqn: z.string(),
  base: z.string().optional(),
  datatype: z.boolean().optional(),
  docs,
  initializer: z
    .object({ parameters: z.array(z.object({ name: z.string(), type: typeRef })).optional() })
    .optional(),
  properties: z.array(property).optional(),
});

export const jsiiAssemblySchema = z.object({
  name: z.string(),
  version: z.string(),
  readme: z.object({ markdown: z.string() }).optional(),
  types: z.record(z.string(), jsiiType),
});

export type JsiiAssembly = z.infer<typeof jsiiAssemblySchema>;
export type JsiiType = z.infer<typeof jsiiType>;
export type JsiiProperty = z.infer<typeof property>;
