import type { HttpRequest, HttpResponse, RequestHandler } from "@smithy/types";
import { z } from "zod";

const TIMEOUT_MS = 30_000;

/**
 * The job's OIDC token, the way @actions/core's getIDToken asks for it (ACTIONS_ID_TOKEN_REQUEST_URL with an
 * `audience` parameter, bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN), but over fetch: node:http is shared by every
 * test file in a Jest worker, so an in-process test could not answer it reliably.
 */
export async function requestIdToken(
  env: NodeJS.ProcessEnv,
  audience: string,
  doFetch: typeof fetch,
): Promise<string> {
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? "");
  url.searchParams.set("audience", audience);
  const response = await doFetch(url, {
    headers: {
      authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ""}`,
      accept: "application/json",
    },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  }).catch((error: unknown) => {
    throw new Error(`could not get the job's OIDC token from ${url.host}: ${networkReason(error)}`, {
      cause: error,
    });
  });
  if (!response.ok) throw new Error(`could not get the job's OIDC token: HTTP ${response.status}`);
  const body = z.object({ value: z.string().min(1) }).safeParse(await response.json());
  if (!body.success) throw new Error("could not get the job's OIDC token: the answer has no value");
  return body.data.value;
}

/** An AWS SDK request handler over fetch (Node 24 has it built in), for the same reason as above. */
export function fetchRequestHandler(doFetch: typeof fetch): RequestHandler<HttpRequest, HttpResponse> {
  return {
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(request.query ?? {})) {
        for (const item of Array.isArray(value) ? value : [value]) if (item !== null) query.append(key, item);
      }
      const port = request.port ? `:${request.port}` : "";
      const search = query.size > 0 ? `?${query.toString()}` : "";
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${search}`;
      const response = await doFetch(url, {
        method: request.method,
        headers: request.headers,
        ...(typeof request.body === "string" ? { body: request.body } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      }).catch((error: unknown) => {
        throw new NetworkError(`cannot reach ${request.hostname}: ${networkReason(error)}`, { cause: error });
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key] = value));
      const body = new Uint8Array(await response.arrayBuffer());
      return { response: { statusCode: response.status, reason: response.statusText, headers, body } };
    },
    metadata: { handlerProtocol: "http/1.1" },
  };
}

/** No HTTP answer at all (refused, reset, DNS, timeout): retried by withRetry, unlike an answer that says no. */
export class NetworkError extends Error {
  override name = "NetworkError";
}

/** fetch says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND, a timeout) is in its cause. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
