import nock from "nock";
import { afterEach, beforeAll, expect } from "@jest/globals";
import { takeOpenApiViolations } from "./helpers/github-openapi.js";

beforeAll(() => {
  nock.disableNetConnect();
  // Local servers started by tests (webhook intake, bare git over file://) stay reachable.
  nock.enableNetConnect((host) => host.startsWith("127.0.0.1") || host.startsWith("localhost"));
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const violations = takeOpenApiViolations();
  nock.cleanAll();
  // Every mock a test declares must be used: an unused mock is a request the code forgot to make.
  expect(pending).toEqual([]);
  // Every GitHub request the code made must be one GitHub documents, with a body GitHub accepts.
  expect(violations).toEqual([]);
});
