import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  type STSClientConfig,
} from "@aws-sdk/client-sts";
import { fetchRequestHandler, requestIdToken } from "./http.js";
import type { Inputs } from "./inputs.js";
import type { ActionsIO } from "./io.js";
import { withRetry } from "./retry.js";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface RetryDeps {
  io: ActionsIO;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export interface CredentialDeps extends RetryDeps {
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
}

/** Standard endpoint overrides, so VPC endpoints and private STS work. */
function stsConfig(inputs: Inputs, env: NodeJS.ProcessEnv, doFetch: typeof fetch): STSClientConfig {
  const endpoint = env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL;
  // Our own backoff decides retries; the SDK's would double them and sleep for real in tests.
  const config: STSClientConfig = {
    region: inputs["aws-region"],
    maxAttempts: 1,
    requestHandler: fetchRequestHandler(doFetch),
  };
  if (endpoint) config.endpoint = endpoint;
  return config;
}

/** GitHub OIDC token → STS AssumeRoleWithWebIdentity, masked before anything else can print it. */
export async function assumeRole(
  inputs: Inputs,
  sessionName: string,
  deps: CredentialDeps,
): Promise<AwsCredentials> {
  const { io, env } = deps;
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new Error(
      "this job cannot request a GitHub OIDC token: add `permissions: { id-token: write, contents: read, pull-requests: write }` to the job (or workflow)",
    );
  }
  const token = await requestIdToken(env, inputs.audience, deps.fetch);
  io.setSecret(token);
  const role = inputs["role-to-assume"];
  const client = new STSClient(stsConfig(inputs, env, deps.fetch));
  const command = new AssumeRoleWithWebIdentityCommand({
    RoleArn: role,
    RoleSessionName: sessionName,
    WebIdentityToken: token,
    DurationSeconds: inputs["role-duration-seconds"],
  });
  try {
    const response = await withRetry(() => client.send(command), retryOptions(deps, `assume role ${role}`));
    const c = response.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
      throw new Error(`assume role ${role}: STS answered without credentials`);
    }
    // Mask first, then use.
    io.setSecret(c.AccessKeyId);
    io.setSecret(c.SecretAccessKey);
    io.setSecret(c.SessionToken);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } catch (error) {
    throw explain(error, role, inputs.audience, token);
  } finally {
    client.destroy();
  }
}

/** Full-jitter backoff for every STS call: about a minute in all before giving up. */
function retryOptions(deps: RetryDeps, what: string) {
  return {
    attempts: 6,
    baseMs: 1000,
    capMs: 20_000,
    sleep: deps.sleep,
    random: deps.random,
    onRetry: (error: Error, attempt: number, delay: number) =>
      deps.io.info(`${what}: ${error.name}; retry ${attempt} in ${delay} ms`),
  };
}

function explain(error: unknown, role: string, audience: string, token: string): Error {
  if (!(error instanceof Error)) return new Error(`assume role ${role}: ${String(error)}`);
  if (error.name === "AccessDenied" || error.name === "AccessDeniedException") {
    return new Error(
      `assume role ${role}: AccessDenied — the role's trust policy rejected this job's token. ` +
        `Check its conditions: token.actions.githubusercontent.com:aud must be "${audience}" and ` +
        `token.actions.githubusercontent.com:sub must match this token's sub "${claim(token, "sub")}".`,
    );
  }
  return new Error(`assume role ${role}: ${error.name}: ${error.message.split("\n")[0] ?? ""}`);
}

/** Reads a claim from the token's payload for error messages; the token is not verified here (STS does). */
export function claim(token: string, name: string): string {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as Record<string, unknown>;
    const value = payload[name];
    return typeof value === "string" ? value : "(absent)";
  } catch {
    return "(unreadable)";
  }
}

/** The account the credentials belong to, checked against allowed-account-ids before anything uses them. */
export async function checkAccount(
  inputs: Inputs,
  credentials: AwsCredentials,
  deps: CredentialDeps,
): Promise<string> {
  const client = new STSClient({ ...stsConfig(inputs, deps.env, deps.fetch), credentials });
  try {
    const identity = await withRetry(
      () => client.send(new GetCallerIdentityCommand({})),
      retryOptions(deps, "get caller identity"),
    );
    const account = identity.Account ?? "";
    const allowed = inputs["allowed-account-ids"];
    if (allowed.length > 0 && !allowed.includes(account)) {
      throw new Error(
        `the role ${inputs["role-to-assume"]} is in account ${account}, which is not in allowed-account-ids (${allowed.join(", ")}); refusing to plan against it`,
      );
    }
    return account;
  } finally {
    client.destroy();
  }
}
