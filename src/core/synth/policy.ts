import { call, list, obj, str, type Value } from "../recipes/hcl/writer.js";

/** An IAM (or resource) policy document as Terraform writes it: `jsonencode({ Version, Statement })`. */
export const policyJson = (...statements: Value[]): Value =>
  call("jsonencode", obj({ Version: str("2012-10-17"), Statement: list(...statements) }));
