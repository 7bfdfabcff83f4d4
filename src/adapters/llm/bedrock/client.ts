import type { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import type { Redactor } from "../../../core/redact/index.js";
import { backoffMs } from "../retry.js";
import { type ChatResponse, type LlmClient, LlmError } from "../types.js";
import { fromConverseOutput, toConverseInput } from "./convert.js";
import { classifyBedrock } from "./errors.js";

export interface BedrockClientOptions {
  region: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  /** Registers the AWS secret key and session token once the default chain has found them. */
  redactor: Redactor;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Amazon Bedrock's Converse API behind the LLM port. Credentials come from the AWS default chain (env
 * keys, a web identity token file as IRSA sets it, the ECS task role, an instance profile); this process
 * holds no key of its own. Retries are ours, like the OpenAI client's, so waits are testable.
 */
export function createBedrockClient(options: BedrockClientOptions): LlmClient {
  // The AWS SDK loads on the first call: deployments on another provider never pay its start-up cost.
  let loaded:
    | Promise<{
        sdk: BedrockRuntimeClient;
        converse: typeof ConverseCommand;
      }>
    | undefined;
  const client = () =>
    (loaded ??= (async () => {
      const [{ BedrockRuntimeClient, ConverseCommand }, { FetchHttpHandler }] = await Promise.all([
        import("@aws-sdk/client-bedrock-runtime"),
        import("@smithy/fetch-http-handler"),
      ]);
      const sdk = new BedrockRuntimeClient({
        region: options.region,
        maxAttempts: 1,
        // Node's fetch, like every other HTTP call of ours: one timeout setting, and tests intercept it.
        requestHandler: new FetchHttpHandler({ requestTimeout: options.timeoutMs }),
      });
      return { sdk, converse: ConverseCommand };
    })());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const where = { model: options.model, region: options.region };
  const describe = (reason: string): string =>
    options.redactor.redact(`Bedrock Converse (${options.model} in ${options.region}): ${reason}`);

  async function credentials(sdk: BedrockRuntimeClient): Promise<void> {
    try {
      const found = await sdk.config.credentials();
      options.redactor.register(found.secretAccessKey);
      options.redactor.register(found.sessionToken);
    } catch (error) {
      const reason = error instanceof Error ? firstLine(error.message) : String(error);
      throw new LlmError(
        describe(
          `no usable AWS credentials from the default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, the ECS task role or an instance profile): ${reason}`,
        ),
        null,
        false,
      );
    }
  }

  async function once(request: Parameters<LlmClient["chat"]>[0]): Promise<ChatResponse> {
    const { sdk, converse } = await client();
    await credentials(sdk);
    const raw: unknown = await sdk.send(new converse(toConverseInput(options.model, request)));
    const parsed = fromConverseOutput(raw);
    if ("error" in parsed) throw new LlmError(describe(`unexpected response: ${parsed.error}`), null, false);
    return parsed;
  }

  return {
    model: options.model,
    async chat(request) {
      for (let attempt = 0; ; attempt++) {
        const started = performance.now();
        try {
          return await once(request);
        } catch (error) {
          const timedOut = performance.now() - started >= options.timeoutMs;
          const failure = classifyBedrock(error, where, describe, timedOut);
          if (!failure.retryable || attempt >= options.maxRetries) {
            throw attempt === 0 ? failure.error : afterRetries(failure.error, attempt + 1);
          }
          await sleep(backoffMs(attempt));
        }
      }
    },
  };
}

function afterRetries(error: LlmError, attempts: number): LlmError {
  return new LlmError(`${error.message} (gave up after ${attempts} attempts)`, error.status, error.retryable);
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").slice(0, 300);
}
