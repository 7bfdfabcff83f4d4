import { clientName, type HandlerCall } from "./lambda-calls.js";

/**
 * The `handler.py` a new function starts with: real logging, partial batch failures when fed by SQS, and
 * one AWS call per grant that has one (`handlerCalls`), each resource read from its environment variable.
 */
export function handlerPython(name: string, sqs: boolean, calls: readonly HandlerCall[]): string {
  const services = [...new Set(calls.map((c) => c.service))];
  const clients = services.map((s) => `${clientName(s)} = boto3.client("${s}")`).join("\n");
  const work = calls
    .map((c) =>
      c.after === undefined
        ? `    ${clientName(c.service)}.${c.operation}(${c.args})`
        : `    answer = ${clientName(c.service)}.${c.operation}(${c.args})\n    ${c.after}`,
    )
    .join("\n");
  const entry = sqs
    ? `def handler(event, context):
    """Process an SQS batch; failed messages are reported so only they are retried."""
    failures = []
    for record in event.get("Records", []):
        message_id = record.get("messageId", "")
        try:
            process(parse_body(record.get("body", "")), message_id)
        except Exception:
            # Reporting the failure lets SQS retry this message and, after the
            # redrive limit, move it to the dead-letter queue.
            logger.exception("message %s failed", message_id)
            failures.append({"itemIdentifier": message_id})
    logger.info("batch done: %d records, %d failed", len(event.get("Records", [])), len(failures))
    return {"batchItemFailures": failures}


def parse_body(body):
    try:
        return json.loads(body)
    except ValueError:
        return body
`
    : `def handler(event, context):
    """Entry point configured as handler.handler."""
    request_id = getattr(context, "aws_request_id", "local")
    logger.info("invocation %s started", request_id)
    result = process(event, request_id)
    logger.info("invocation %s finished", request_id)
    return {"ok": True, "result": result}
`;
  return `"""Lambda function ${name}, created by aws-devops-agent."""

import json
import logging
import os
${services.length > 0 ? "\nimport boto3\n" : ""}
logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))
${clients === "" ? "" : `\n# Clients are created once per container and reused across invocations.\n${clients}\n`}

def process(payload, request_id):
    """Do the work for one event or message. Replace the logging with the real logic."""
    body = json.dumps(payload, default=str, sort_keys=True)
    logger.info("payload %s: %s", request_id, body[:2000])
${work === "" ? "" : `${work}\n`}    return {"received": True}


${entry}`;
}
