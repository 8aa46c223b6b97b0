/**
 * The rule set embedded in the Lambda bundle. The build (scripts/build-lambda.mjs) replaces this module
 * with the parsed, validated rules and packs; unbundled (tests, the CLI) it is empty.
 */
import type { RuleSet } from "./ruleset.js";

export const EMBEDDED: RuleSet | undefined = undefined;
