// `npm run cli -- <command> ...`: the CLI from the TypeScript sources, for development (no build needed).
import { run } from "../src/cli/main.js";

process.exitCode = await run(process.argv.slice(2));
