// A loopback GitHub API for code that runs outside the test's module scope (worker threads, child
// processes), where nock cannot see requests. Every request is still checked against the OpenAPI description.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { checkGitHubRequest } from "./github-openapi.js";

export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
}

export type FakeHandler = (req: FakeRequest) => {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
};

export async function startFakeGitHub(handler: FakeHandler) {
  const requests: FakeRequest[] = [];
  const violations: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const body: unknown = text ? (JSON.parse(text) as unknown) : undefined;
      const request = { method: req.method ?? "GET", path: req.url ?? "/", body };
      requests.push(request);
      violations.push(...checkGitHubRequest(request.method, request.path, body));
      const answer = handler(request);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    violations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
