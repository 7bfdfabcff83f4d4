import { setTimeout as sleep } from "node:timers/promises";
import { createRedactor } from "../../src/core/redact/index.js";
import { createActionsIO } from "./io.js";
import { runAction } from "./main.js";

const redactor = createRedactor();
const ok = await runAction(process.env, {
  io: createActionsIO(redactor),
  redactor,
  sleep: (ms) => sleep(ms),
  random: Math.random,
});
process.exitCode = ok ? 0 : 1;
