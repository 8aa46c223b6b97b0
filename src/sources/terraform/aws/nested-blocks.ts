import { isUnknown } from "../../../model/values.js";

/**
 * Generic conversion of a deep Terraform nested-block tree to CloudFormation's shape, for structures too
 * deep and recursive to map field by field (WAFv2 rule statements). snake_case keys become PascalCase
 * (with CloudFormation's acronyms via `renames`), single blocks (lists of one) become objects, blocks
 * that CloudFormation keeps as lists (`repeated`) stay lists, and "not set" leftovers of state (null,
 * "", empty lists) are dropped. Unknown values pass through.
 */
export interface BlockShape {
  renames: Record<string, string>;
  /** snake_case keys whose blocks are lists in CloudFormation. The value is the CloudFormation key. */
  repeated: Record<string, string>;
  /** Child key → CloudFormation key when the parent key is one of these (and_statement.statement → Statements). */
  repeatedUnder?: Record<string, Record<string, string>>;
}

export function pascal(key: string, shape: BlockShape): string {
  return shape.renames[key] ?? key.split("_").map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
}

export function convertBlocks(value: unknown, shape: BlockShape, parentKey = ""): unknown {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => convertBlocks(v, shape, parentKey)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value !== "object" || value === null) return value === "" || value === null ? undefined : value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const listKey = shape.repeatedUnder?.[parentKey]?.[k] ?? shape.repeated[k];
    if (Array.isArray(v) && v.some((x) => typeof x === "object" && x !== null && !isUnknown(x))) {
      const items = v.map((x) => convertBlocks(x, shape, k) ?? {});
      if (items.length === 0) continue;
      if (listKey) out[listKey] = items;
      else out[pascal(k, shape)] = items[0];
      continue;
    }
    if (Array.isArray(v) && v.length === 0) continue;
    const c = convertBlocks(v, shape, k);
    if (c !== undefined) out[pascal(k, shape)] = c;
  }
  return out;
}
