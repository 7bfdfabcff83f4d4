import type { ActionsIO } from "./io.js";

/** The state key where the main step lists the variables it exported. */
export const EXPORTED_STATE = "exported-variables";

/** The post step: blanks every AWS_* variable the main step exported, so later steps lose the role. */
export function runPost(io: ActionsIO): void {
  const names = io
    .getState(EXPORTED_STATE)
    .split(",")
    .filter((name) => /^AWS_[A-Z_]+$/.test(name));
  for (const name of names) io.exportVariable(name, "");
  io.info(names.length === 0 ? "no AWS credentials were exported" : `cleared ${names.join(", ")}`);
}
