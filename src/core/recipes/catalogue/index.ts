import type { RecipeDefinition } from "../types.js";
import { metricAlarm } from "./alarm.js";
import { dynamodbTable } from "./dynamodb.js";
import { ecrRepository } from "./ecr.js";
import { githubOidcRole } from "./github-oidc.js";
import { kmsKey } from "./kms.js";
import { pythonLambda } from "./lambda.js";
import { s3Bucket } from "./s3.js";
import { eventSchedule } from "./schedule.js";
import { secretsManagerSecret } from "./secret.js";
import { securityGroup } from "./security-group.js";
import { snsTopic } from "./sns.js";
import { sqsQueue } from "./sqs.js";

/** The catalogue, in the order blocks are written when a request names several (dependencies first). */
export const CATALOGUE: readonly RecipeDefinition[] = [
  kmsKey,
  s3Bucket,
  dynamodbTable,
  sqsQueue,
  snsTopic,
  secretsManagerSecret,
  ecrRepository,
  securityGroup,
  pythonLambda,
  eventSchedule,
  metricAlarm,
  githubOidcRole,
];

export const recipeById = (id: string): RecipeDefinition | undefined =>
  CATALOGUE.find((recipe) => recipe.id === id);
