import { LlmError } from "../types.js";

export interface Failure {
  error: LlmError;
  retryable: boolean;
}

/** Passing conditions on Bedrock's side: worth another try after a backoff. */
const RETRYABLE = new Set([
  "ThrottlingException",
  "ServiceUnavailableException",
  "InternalServerException",
  "ModelNotReadyException",
  "ModelTimeoutException",
]);

interface ServiceFailure {
  name: string;
  message: string;
  status: number | null;
}

function serviceFailure(error: unknown): ServiceFailure | null {
  if (!(error instanceof Error) || !("$metadata" in error)) return null;
  const meta = error.$metadata as { httpStatusCode?: unknown } | undefined;
  const status = typeof meta?.httpStatusCode === "number" ? meta.httpStatusCode : null;
  return status === null ? null : { name: error.name, message: error.message, status };
}

/**
 * A failed Converse call in words a user can act on: which setting or permission to check. Errors that are
 * not Bedrock's or the network's (a bug of ours) are rethrown as they are.
 */
export function classifyBedrock(
  error: unknown,
  where: { model: string; region: string },
  describe: (reason: string) => string,
  timedOut: boolean,
): Failure {
  if (error instanceof LlmError) return { error, retryable: false };
  const service = serviceFailure(error);
  if (service !== null) {
    const retryable = RETRYABLE.has(service.name);
    const reason = `${service.name} (HTTP ${service.status})${hintFor(service, where)}: ${firstLine(service.message)}`;
    return { error: new LlmError(describe(reason), service.status, retryable), retryable };
  }
  if (!(error instanceof Error)) throw error;
  if (timedOut || error.name === "TimeoutError" || error.name === "AbortError") {
    return { error: new LlmError(describe("timed out"), null, true), retryable: true };
  }
  if (error instanceof TypeError || "code" in error) {
    const reason = `could not connect to bedrock-runtime.${where.region}.amazonaws.com (${firstLine(error.message)})`;
    return { error: new LlmError(describe(reason), null, true), retryable: true };
  }
  throw error;
}

function hintFor(failure: ServiceFailure, where: { model: string; region: string }): string {
  const text = failure.message.toLowerCase();
  switch (failure.name) {
    case "ThrottlingException":
      return " (Bedrock's tokens or requests per minute for this model are used up; ask for a quota increase or use a cross-region inference profile)";
    case "AccessDeniedException":
      return ` (the role needs bedrock:InvokeModel on this model's ARN, and access to ${where.model} must be granted in the Bedrock console in ${where.region})`;
    case "UnrecognizedClientException":
    case "InvalidSignatureException":
    case "ExpiredTokenException":
      return " (the AWS credentials found were refused: expired or wrong keys)";
    case "ResourceNotFoundException":
      return ` (check BEDROCK_MODEL_ID: no model ${where.model} in ${where.region})`;
    case "ValidationException":
      if (text.includes("on-demand throughput")) {
        return " (this model is invoked through an inference profile: set BEDROCK_MODEL_ID to its id, e.g. us.<model id>)";
      }
      if (text.includes("model identifier")) return " (check BEDROCK_MODEL_ID)";
      if (text.includes("tool")) return " (this model may not support tool use through Converse)";
      return "";
    default:
      return "";
  }
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").slice(0, 300);
}
