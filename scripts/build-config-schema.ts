// Writes schema/devops-agent.schema.json from the zod schema. `npm run schema:config`.
import { writeFileSync } from "node:fs";
import { repoConfigJsonSchema } from "../src/core/config/json-schema.js";

const target = new URL("../schema/devops-agent.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(repoConfigJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
