import { EXPORTED_STATE } from "./cleanup.js";
import { type AwsCredentials, assumeRole, checkAccount } from "./credentials.js";
import { type Inputs, defaultSessionName } from "./inputs.js";
import type { ActionsIO } from "./io.js";

export interface SessionDeps {
  io: ActionsIO;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  fetch: typeof fetch;
}

export interface AwsSession {
  credentials: AwsCredentials;
  /** The variables terraform gets. */
  env: Record<string, string>;
}

/** OIDC → STS, masked, account checked; exported to later steps only when the inputs ask for it. */
export async function openSession(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  deps: SessionDeps,
): Promise<AwsSession> {
  const { io } = deps;
  const sessionName = inputs["role-session-name"] ?? defaultSessionName(env);
  const stsDeps = { io, env, sleep: deps.sleep, random: deps.random, fetch: deps.fetch };
  const credentials = await assumeRole(inputs, sessionName, stsDeps);
  const account = await checkAccount(inputs, credentials, stsDeps);
  io.info(`assumed ${inputs["role-to-assume"]} in account ${account} as ${sessionName}`);
  const aws = {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_REGION: inputs["aws-region"],
    AWS_DEFAULT_REGION: inputs["aws-region"],
  };
  if (inputs["export-credentials"]) {
    for (const [name, value] of Object.entries(aws)) io.exportVariable(name, value);
    io.saveState(EXPORTED_STATE, Object.keys(aws).join(","));
    io.info("exported the AWS credentials to later steps of this job (export-credentials: true)");
  }
  return { credentials, env: aws };
}
