import { z } from "zod";
import { RepoConfigSchema } from "./schema.js";

/** JSON Schema of `.github/devops-agent.yml` for editor completion, generated from the zod schema. */
export function repoConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RepoConfigSchema, { io: "input", target: "draft-7" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: "devops-agent repository configuration (.github/devops-agent.yml)",
  };
}
