import { createRedactor } from "../../src/core/redact/index.js";
import { runPost } from "./cleanup.js";
import { createActionsIO } from "./io.js";

runPost(createActionsIO(createRedactor()));
