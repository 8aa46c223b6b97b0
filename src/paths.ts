import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The package root: one level above this file both in src/ (tests) and in dist/ (the built CLI). */
export const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));

export const BUILTIN_RULES_DIR = join(PACKAGE_ROOT, "rules");
export const BUILTIN_POLICIES_DIR = join(PACKAGE_ROOT, "policies");
export const TEMPLATES_DIR = join(PACKAGE_ROOT, "reports");
export const SCHEMAS_DIR = join(PACKAGE_ROOT, "schemas");

let version: string | undefined;
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
  return version;
}
