import type { UsageComponent } from "../types.js";
import { type CostModel, query, usageType } from "./types.js";

const usage = (
  label: string,
  service: string,
  region: string,
  filters: Record<string, string>,
  unit: string,
  type?: string,
): UsageComponent => ({
  label,
  query: query(service, region, filters, type ? [usageType(type)] : []),
  unit,
});

/** Resources priced by what they store, serve or run: unit prices only, never a guessed total. */
export const usageModels: Record<string, CostModel> = {
  aws_s3_bucket: {
    usage: ({ region }) => [
      usage(
        "Standard storage",
        "AmazonS3",
        region,
        { productFamily: "Storage", volumeType: "Standard" },
        "GB-Mo",
      ),
      usage("PUT, COPY, POST, LIST requests", "AmazonS3", region, { group: "S3-API-Tier1" }, "Requests"),
    ],
  },
  aws_lambda_function: {
    usage: ({ region }) => [
      usage("requests", "AWSLambda", region, { group: "AWS-Lambda-Requests" }, "Requests"),
      usage("compute", "AWSLambda", region, { group: "AWS-Lambda-Duration" }, "Lambda-GB-Second"),
    ],
  },
  aws_cloudwatch_log_group: {
    usage: ({ region }) => [
      usage(
        "ingestion",
        "AmazonCloudWatch",
        region,
        { productFamily: "Data Payload" },
        "GB",
        "DataProcessing-Bytes",
      ),
      usage(
        "storage",
        "AmazonCloudWatch",
        region,
        { productFamily: "Storage Snapshot" },
        "GB-Mo",
        "TimedStorage-ByteHrs",
      ),
    ],
  },
  aws_sqs_queue: {
    usage: ({ region }) => [
      usage(
        "requests",
        "AWSQueueService",
        region,
        { productFamily: "API Request", queueType: "Standard" },
        "Requests",
      ),
    ],
  },
  aws_sns_topic: {
    usage: ({ region }) => [
      usage("requests", "AmazonSNS", region, { productFamily: "API Request" }, "Requests"),
    ],
  },
};
