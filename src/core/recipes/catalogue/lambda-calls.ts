import { raw, type Value } from "../hcl/writer.js";
import type { Access } from "./lambda-access.js";

/**
 * One AWS call a generated handler makes, described once: the handler's code, its unit test's stubbed
 * expectation and the function's environment all come from this, so the test stubs exactly what the
 * handler calls. Grants with no call of their own (a queue that triggers the function, reads whose keys
 * only the user knows, table writes whose key schema the function cannot see) produce no entry.
 */
export interface HandlerCall {
  /** boto3 service name; the handler has one module-level client per service (`SQS = boto3.client("sqs")`). */
  service: "sqs" | "sns" | "s3" | "secretsmanager";
  /** boto3 method name. */
  operation: string;
  /** The environment variable the handler reads the resource from, and its Terraform value. */
  env: { name: string; value: Value; example: string };
  /** Python keyword arguments of the call; `body` and `request_id` are in scope. */
  args: string;
  /** Python dict literal of the parameters the test expects; `BODY` and `REQUEST_ID` are in scope. */
  expected: string;
  /** Python dict literal of a realistic response (validated by Stubber against the service model). */
  response: string;
  /** What the handler does with the answer (one statement), if anything. */
  after?: string;
}

const upper = (id: string): string => id.toUpperCase();

/** The calls a handler with these grants makes, in grant order, one per grant at most. */
export function handlerCalls(access: readonly Access[]): HandlerCall[] {
  const calls: HandlerCall[] = [];
  for (const grant of access) {
    const call = callFor(grant);
    if (call !== null && !calls.some((c) => c.env.name === call.env.name)) calls.push(call);
  }
  return calls;
}

function callFor(grant: Access): HandlerCall | null {
  const t = grant.target;
  switch (grant.kind) {
    case "sqs_send": {
      const name = `${upper(t)}_QUEUE_URL`;
      const url = `https://sqs.eu-west-1.amazonaws.com/123456789012/${t.replace(/_/g, "-")}`;
      return {
        service: "sqs",
        operation: "send_message",
        env: { name, value: raw(`aws_sqs_queue.${t}.url`), example: url },
        args: `QueueUrl=os.environ["${name}"], MessageBody=body`,
        expected: `{"QueueUrl": "${url}", "MessageBody": BODY}`,
        response: `{"MessageId": "5fea7756-0ea4-451a-a703-a558b933e274", "MD5OfMessageBody": "51b0a325e1a8fe7a87e0bd2ad7a8c6e4"}`,
      };
    }
    case "sns_publish": {
      const name = `${upper(t)}_TOPIC_ARN`;
      const arn = `arn:aws:sns:eu-west-1:123456789012:${t.replace(/_/g, "-")}`;
      return {
        service: "sns",
        operation: "publish",
        env: { name, value: raw(`aws_sns_topic.${t}.arn`), example: arn },
        args: `TopicArn=os.environ["${name}"], Message=body`,
        expected: `{"TopicArn": "${arn}", "Message": BODY}`,
        response: `{"MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e"}`,
      };
    }
    case "s3_write": {
      const name = `${upper(t)}_BUCKET`;
      const bucket = `example-${t.replace(/_/g, "-")}`;
      return {
        service: "s3",
        operation: "put_object",
        env: { name, value: raw(`aws_s3_bucket.${t}.bucket`), example: bucket },
        args: `Bucket=os.environ["${name}"], Key=f"events/{request_id}.json", Body=body.encode("utf-8"), ContentType="application/json"`,
        expected: `{"Bucket": "${bucket}", "Key": f"events/{REQUEST_ID}.json", "Body": BODY.encode("utf-8"), "ContentType": "application/json"}`,
        response: `{"ETag": '"9b2cf535f27731c974343645a3985328"'}`,
      };
    }
    case "secret_read": {
      const name = `${upper(t)}_SECRET_ARN`;
      const arn = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${t.replace(/_/g, "-")}-AbCdEf`;
      return {
        service: "secretsmanager",
        operation: "get_secret_value",
        env: { name, value: raw(`aws_secretsmanager_secret.${t}.arn`), example: arn },
        args: `SecretId=os.environ["${name}"]`,
        expected: `{"SecretId": "${arn}"}`,
        response: `{"ARN": "${arn}", "Name": "${t}", "SecretString": "not-a-real-secret"}`,
        // The value is the user's to use; only that it was read is logged, never the value.
        after: `logger.info("secret %s read (%d characters)", "${t}", len(answer.get("SecretString", "")))`,
      };
    }
    default:
      return null;
  }
}

/** The client constant a handler uses for a service: `SQS`, `SECRETSMANAGER`. */
export const clientName = (service: HandlerCall["service"]): string => service.toUpperCase();
