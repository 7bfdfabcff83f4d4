/** The `handler.py` a new function starts with: real logging, and partial batch failures when fed by SQS. */
export function handlerPython(name: string, sqs: boolean): string {
  const entry = sqs
    ? `def handler(event, context):
    """Process an SQS batch; failed messages are reported so only they are retried."""
    failures = []
    for record in event.get("Records", []):
        message_id = record.get("messageId", "")
        try:
            process(parse_body(record.get("body", "")))
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
    result = process(event)
    logger.info("invocation %s finished", request_id)
    return {"ok": True, "result": result}
`;
  return `"""Lambda function ${name}, created by aws-devops-agent."""

import json
import logging
import os

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))


def process(payload):
    """Do the work for one event or message. Replace this body with the real logic."""
    logger.info("payload: %s", json.dumps(payload, default=str)[:2000])
    return {"received": True}


${entry}`;
}
