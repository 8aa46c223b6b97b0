/**
 * The Lambda entry point (bundled into dist-lambda/index.mjs; the function's handler is index.handler).
 * Module scope does only cheap work: the embedded rule set is plain data, and the Config client is
 * built on the first invocation. createHandler and the rule set are exported for the benchmark.
 */
import { EMBEDDED } from "./embedded.js";
import { createHandler } from "./handler.js";

if (!EMBEDDED) throw new Error("plumbline Lambda: no embedded rule set (build it with npm run build:lambda)");

export const ruleSet = EMBEDDED;
export { createHandler };
export const handler = createHandler({ ruleSet: EMBEDDED });
