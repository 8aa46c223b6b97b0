/**
 * What machine formats say about a rule beyond what the report carries per result (its description and
 * references): read from the built-in rule files, once. Rules from --rules directories are not known here;
 * their entries fall back to the title. Reading fails soft: a format is never lost for want of a description.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { BUILTIN_RULES_DIR } from "../../paths.js";
import type { ReportResult } from "../model.js";

export interface RuleDoc {
  description?: string;
  references: string[];
}

let docs: Map<string, RuleDoc> | undefined;

function yamlFiles(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
}

export function builtinRuleDocs(): Map<string, RuleDoc> {
  if (docs) return docs;
  docs = new Map();
  const files: string[] = [];
  try {
    yamlFiles(BUILTIN_RULES_DIR, files);
  } catch {
    return docs;
  }
  for (const f of files) {
    try {
      const d = parse(readFileSync(f, "utf8")) as { id?: unknown; description?: unknown; references?: unknown };
      if (typeof d?.id !== "string") continue;
      docs.set(d.id, {
        description: typeof d.description === "string" ? d.description.trim() : undefined,
        references: Array.isArray(d.references) ? d.references.filter((r): r is string => typeof r === "string") : [],
      });
    } catch {
      // A broken rule file is reported by the rule loader, not here.
    }
  }
  return docs;
}

/** Framework ids of a result as "AWS Config: X", "FSBP: A, B", "CIS: 1.2": for help texts and CSV. */
export function frameworkIds(controls: ReportResult["controls"]): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(controls ?? {})) {
    if (value === undefined) continue;
    const ids = Array.isArray(value) ? value : [value];
    if (ids.length === 0) continue;
    const label = name === "awsConfigRule" ? "AWS Config" : name === "fsbp" ? "FSBP" : name === "cis" ? "CIS" : name;
    out.push(`${label}: ${ids.join(", ")}`);
  }
  return out;
}

/** "module.x.aws_s3_bucket.y", the ARN, or "AWS::S3::Bucket name": how a person names the resource. */
export function resourceLabel(r: ReportResult["resource"]): string {
  return r.address ?? r.arn ?? `${r.type} ${r.id}${r.region ? ` (${r.region})` : ""}`;
}
