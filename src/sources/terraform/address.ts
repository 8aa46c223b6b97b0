/**
 * Terraform addresses and reference strings, and AWS ARNs: the small amount of syntax the state and plan
 * sources need to name instances the way Terraform prints them and to follow `references` in a plan.
 */

/** `[0]` for count, `["key"]` for for_each (string keys quoted the way Terraform prints them). */
export function formatIndexKey(key: number | string): string {
  return typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** module.a[0].aws_s3_bucket.logs["x"], data.aws_iam_policy_document.p: the address Terraform prints. */
export function instanceAddress(
  modulePath: string,
  mode: "managed" | "data",
  type: string,
  name: string,
  index?: number | string,
): string {
  const prefix = modulePath ? `${modulePath}.` : "";
  const data = mode === "data" ? "data." : "";
  const idx = index === undefined ? "" : formatIndexKey(index);
  return `${prefix}${data}${type}.${name}${idx}`;
}

/** One step of a traversal: a name (`.arn`) or an index (`[0]`, `["k"]`). */
export type TraversalStep = { name: string } | { index: number | string };

/**
 * Splits a reference as the plan's `configuration` writes it (`module.kms[0].key_arn`,
 * `aws_s3_bucket.logs["a"].id`) into steps. Returns undefined for anything that is not a plain
 * traversal, so callers fall back to a plain Unknown rather than guess.
 */
export function parseTraversal(ref: string): TraversalStep[] | undefined {
  const steps: TraversalStep[] = [];
  let i = 0;
  const n = ref.length;
  while (i < n) {
    const c = ref[i];
    if (c === "[") {
      const close = findIndexClose(ref, i);
      if (close < 0) return undefined;
      const inner = ref.slice(i + 1, close);
      if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else if (inner.startsWith('"')) {
        try {
          const v: unknown = JSON.parse(inner);
          if (typeof v !== "string") return undefined;
          steps.push({ index: v });
        } catch {
          return undefined;
        }
      } else return undefined;
      i = close + 1;
    } else {
      if (c === ".") {
        if (steps.length === 0) return undefined;
        i++;
      } else if (steps.length > 0) return undefined;
      IDENT.lastIndex = i;
      const m = IDENT.exec(ref);
      if (!m) return undefined;
      steps.push({ name: m[0] });
      i += m[0].length;
    }
  }
  return steps.length > 0 ? steps : undefined;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

function findIndexClose(s: string, open: number): number {
  let inString = false;
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j];
    if (inString) {
      if (c === "\\") j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "]") return j;
  }
  return -1;
}

/** What a reference points at, as far as the plan sources care. */
export type ParsedReference =
  | { kind: "resource"; address: string; attribute?: string }
  | { kind: "module-output"; call: string; callIndex: string; output?: string }
  | { kind: "var"; name: string }
  | { kind: "other" };

const NON_RESOURCE_ROOTS = new Set(["var", "local", "each", "count", "path", "terraform", "self", "module", "data"]);

/** Classifies one reference string from a plan's configuration expressions. */
export function parseReference(ref: string): ParsedReference {
  const steps = parseTraversal(ref);
  if (!steps || !("name" in steps[0])) return { kind: "other" };
  const root = steps[0].name;
  const nameAt = (k: number): string | undefined => {
    const s = steps[k];
    return s && "name" in s ? s.name : undefined;
  };
  if (root === "var") {
    const name = nameAt(1);
    return name ? { kind: "var", name } : { kind: "other" };
  }
  if (root === "module") {
    const call = nameAt(1);
    if (!call) return { kind: "other" };
    let k = 2;
    let callIndex = "";
    const s = steps[k];
    if (s && "index" in s) {
      callIndex = formatIndexKey(s.index);
      k++;
    }
    return { kind: "module-output", call, callIndex, output: nameAt(k) };
  }
  let k = 0;
  let prefix = "";
  if (root === "data") {
    prefix = "data.";
    k = 1;
  } else if (NON_RESOURCE_ROOTS.has(root)) {
    return { kind: "other" };
  }
  const type = nameAt(k);
  const name = nameAt(k + 1);
  if (!type || !name) return { kind: "other" };
  let address = `${prefix}${type}.${name}`;
  k += 2;
  const s = steps[k];
  if (s && "index" in s) {
    address += formatIndexKey(s.index);
    k++;
  }
  return { kind: "resource", address, attribute: nameAt(k) };
}

/** Module path without instance keys, as `configuration` is keyed: module.app[0].module.db → ["app", "db"]. */
export function moduleCallNames(modulePath: string): { name: string; index: string }[] | undefined {
  if (!modulePath) return [];
  const steps = parseTraversal(modulePath);
  if (!steps) return undefined;
  const out: { name: string; index: string }[] = [];
  for (let k = 0; k < steps.length; ) {
    const m = steps[k];
    const n = steps[k + 1];
    if (!("name" in m) || m.name !== "module" || !n || !("name" in n)) return undefined;
    k += 2;
    let index = "";
    const s = steps[k];
    if (s && "index" in s) {
      index = formatIndexKey(s.index);
      k++;
    }
    out.push({ name: n.name, index });
  }
  return out;
}

export interface ArnParts {
  partition: string;
  service: string;
  region?: string;
  account?: string;
}

/** arn:partition:service:region:account:resource; empty region/account (S3, IAM) come back undefined. */
export function parseArn(arn: unknown): ArnParts | undefined {
  if (typeof arn !== "string" || !arn.startsWith("arn:")) return undefined;
  const parts = arn.split(":", 6);
  if (parts.length < 6) return undefined;
  const [, partition, service, region, account] = parts;
  return {
    partition,
    service,
    region: region || undefined,
    account: /^\d{12}$/.test(account) ? account : undefined,
  };
}
