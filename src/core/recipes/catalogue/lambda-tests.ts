import { identOf } from "../common.js";
import { clientName, type HandlerCall } from "./lambda-calls.js";

const EVENT = `{"order_id": "o-1001", "amount": 42}`;
// json.dumps(EVENT, sort_keys=True), as the handler serialises it.
const BODY = `'{"amount": 42, "order_id": "o-1001"}'`;

/**
 * `test_handler.py` beside a generated handler: pytest, with botocore's Stubber on every client the handler
 * uses, expecting exactly the calls `handlerCalls` gave the handler (parameters and a realistic response),
 * and the failure path (an AWS error surfaces, or marks the SQS message failed). No network: Stubber
 * answers before anything is sent, and the credentials are fake.
 */
export function handlerTests(name: string, sqs: boolean, calls: readonly HandlerCall[]): string {
  const services = [...new Set(calls.map((c) => c.service))];
  const env = calls.map((c) => `    "${c.env.name}": "${c.env.example}",`).join("\n");
  const responses = calls
    .map((c) => `    stubs["${c.service}"].add_response("${c.operation}", ${c.response}, ${c.expected})`)
    .join("\n");
  const first = calls[0];
  const event = sqs ? `{"Records": [{"messageId": REQUEST_ID, "body": BODY}]}` : "EVENT";
  const success = sqs ? `{"batchItemFailures": []}` : `{"ok": True, "result": {"received": True}}`;
  const failure =
    first === undefined
      ? ""
      : `

def test_an_aws_error_is_not_swallowed(stubs):
    stubs["${first.service}"].add_client_error(
        "${first.operation}", service_error_code="AccessDenied", http_status_code=403
    )
${
  sqs
    ? `    result = handler.handler(${event}, Context())
    # The message is reported failed, so SQS retries it and then moves it to the dead-letter queue.
    assert result == {"batchItemFailures": [{"itemIdentifier": REQUEST_ID}]}`
    : `    with pytest.raises(ClientError):
        handler.handler(${event}, Context())`
}
`;
  return `"""Unit tests of Lambda function ${name}, created by aws-devops-agent. Run: python3 -m pytest --import-mode=importlib src/${name}"""

import importlib.util
import json
import os
from contextlib import ExitStack

import pytest
${services.length > 0 ? "from botocore.exceptions import ClientError\nfrom botocore.stub import Stubber\n" : ""}
# Fake credentials and a region before the handler creates its clients: nothing here may reach AWS.
os.environ.update(
    {
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
)
# Loaded by path under its own name: several functions' test_handler.py files run in one pytest session.
_spec = importlib.util.spec_from_file_location(
    "${identOf(name)}_handler", os.path.join(os.path.dirname(os.path.abspath(__file__)), "handler.py")
)
handler = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(handler)

EVENT = ${EVENT}
BODY = ${BODY}
REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e812345678"
ENV = {
${env}
}


class Context:
    aws_request_id = REQUEST_ID


@pytest.fixture
def stubs(monkeypatch):
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    with ExitStack() as stack:
        stubbers = {${services.map((s) => `"${s}": stack.enter_context(Stubber(handler.${clientName(s)}))`).join(", ")}}
        yield stubbers
        for stubber in stubbers.values():
            stubber.assert_no_pending_responses()


def test_the_event_is_processed(stubs):
${responses === "" ? "" : `${responses}\n`}    assert handler.handler(${event}, Context()) == ${success}
${
  sqs
    ? `

def test_a_body_that_is_not_json_is_passed_as_text(stubs):
    assert handler.parse_body("plain text") == "plain text"
    assert handler.parse_body(BODY) == json.loads(BODY)
`
    : ""
}${failure}`;
}
