import type { Signature } from "../types.js";
import { argumentSignatures } from "./arguments.js";
import { conflictSignatures } from "./aws-exists.js";
import { quotaSignatures } from "./aws-quotas.js";
import { credentialSignatures } from "./credentials.js";
import { hclSignatures } from "./hcl.js";
import { iamSignatures } from "./iam.js";
import { networkSignatures } from "./network.js";
import { cycleSignatures, otherSignatures } from "./other.js";
import { providerSignatures } from "./provider.js";
import { pythonSignatures } from "./python.js";
import { pythonTestSignatures } from "./python-tests.js";
import { stateSignatures } from "./state.js";
import { toolingSignatures } from "./tooling.js";

/** The knowledge base. To add a failure, add an entry to the file for its domain (and a fixture pair). */
export const SIGNATURES: readonly Signature[] = [
  ...credentialSignatures,
  ...iamSignatures,
  ...stateSignatures,
  ...providerSignatures,
  ...hclSignatures,
  ...argumentSignatures,
  ...conflictSignatures,
  ...quotaSignatures,
  ...cycleSignatures,
  ...networkSignatures,
  ...pythonSignatures,
  ...pythonTestSignatures,
  ...otherSignatures,
  ...toolingSignatures,
];
