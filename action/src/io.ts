import { appendFile } from "node:fs/promises";
import * as core from "@actions/core";
import type { Redactor } from "../../src/core/redact/index.js";

/** Everything the Action says to the runner, behind one interface; every line passes the redactor. */
export interface ActionsIO {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  setSecret(secret: string): void;
  setOutput(name: string, value: string): void;
  exportVariable(name: string, value: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  appendSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
}

export function createActionsIO(redactor: Redactor): ActionsIO {
  const clean = (text: string) => redactor.redact(text);
  return {
    info: (message) => core.info(clean(message)),
    warning: (message) => core.warning(clean(message)),
    error: (message) => core.error(clean(message)),
    setSecret: (secret) => {
      redactor.register(secret);
      core.setSecret(secret);
    },
    setOutput: (name, value) => core.setOutput(name, clean(value)),
    // Credentials are exported on purpose (later steps of the job may use the role); never redacted here.
    exportVariable: (name, value) => core.exportVariable(name, value),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    // Written directly: core.summary caches the file path for the life of the process.
    appendSummary: async (markdown) => {
      const file = process.env.GITHUB_STEP_SUMMARY;
      if (file) await appendFile(file, `${clean(markdown)}\n`);
    },
    setFailed: (message) => core.setFailed(clean(message)),
  };
}
