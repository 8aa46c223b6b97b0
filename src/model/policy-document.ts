import { REDACTED, Unknown, isUnknown } from "./values.js";

/**
 * IAM policy documents (identity policies, trust policies, bucket/key/secret resource policies) in one
 * normalized shape, so a rule never has to care whether the author wrote `"Action": "s3:*"` or
 * `"Action": ["s3:*"]`: every list-or-scalar field becomes a list, Principal becomes
 * `"*"` or `{AWS?, Service?, Federated?, CanonicalUser?}` of lists, condition values become lists of strings
 * (IAM compares condition values as strings, so `false` and `"false"` are the same).
 *
 * Anything that cannot be read is an Unknown with a reason: an unknown input stays that Unknown, invalid
 * JSON or a wrong structure become a new Unknown. Error reasons never quote the document (it could hold
 * account ids or worse); JSON errors give the position only.
 */

export type PolicyPrincipal = "*" | { AWS?: unknown[]; Service?: unknown[]; Federated?: unknown[]; CanonicalUser?: unknown[] };

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny" | string;
  /** Values are strings, or Unknown where an element is not knowable. */
  Action?: unknown[];
  NotAction?: unknown[];
  Resource?: unknown[];
  NotResource?: unknown[];
  Principal?: PolicyPrincipal;
  NotPrincipal?: PolicyPrincipal;
  /** operator → condition key → values (strings). */
  Condition?: Record<string, Record<string, unknown[]>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[];
}

const LIST_FIELDS = ["Action", "NotAction", "Resource", "NotResource"] as const;
const PRINCIPAL_FIELDS = ["Principal", "NotPrincipal"] as const;

/**
 * Normalize a policy given as JSON text or an already-parsed object. Returns undefined for "not set"
 * (undefined, null, or the empty string state files hold for a bucket without a policy).
 */
export function normalizePolicyDocument(input: unknown): PolicyDocument | Unknown | undefined {
  if (input === undefined || input === null) return undefined;
  if (isUnknown(input)) return input;
  if (input === REDACTED) return new Unknown("the policy document is marked sensitive");
  let doc: unknown = input;
  if (typeof input === "string") {
    if (input.trim() === "") return undefined;
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return new Unknown(`the policy document is not valid JSON (${jsonErrorPosition(e)})`);
    }
  }
  if (!isPlainObject(doc)) return new Unknown("the policy document is not a JSON object");
  const rawStatements = doc.Statement;
  if (isUnknown(rawStatements)) return rawStatements;
  if (rawStatements === undefined) return new Unknown("the policy document has no Statement");
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements: PolicyStatement[] = [];
  for (const [i, s] of list.entries()) {
    const st = normalizeStatement(s, i);
    if (isUnknown(st)) return st;
    statements.push(st);
  }
  const out: PolicyDocument = { Statement: statements };
  if (typeof doc.Version === "string") out.Version = doc.Version;
  if (typeof doc.Id === "string") out.Id = doc.Id;
  return out;
}

function normalizeStatement(s: unknown, i: number): PolicyStatement | Unknown {
  if (isUnknown(s)) return s;
  if (!isPlainObject(s)) return new Unknown(`statement ${i} of the policy document is not an object`);
  const effect = s.Effect;
  if (isUnknown(effect)) return effect;
  if (typeof effect !== "string") return new Unknown(`statement ${i} of the policy document has no Effect`);
  const out: PolicyStatement = { Effect: effect };
  if (typeof s.Sid === "string") out.Sid = s.Sid;
  for (const f of LIST_FIELDS) if (s[f] !== undefined) out[f] = toList(s[f]);
  for (const f of PRINCIPAL_FIELDS) {
    if (s[f] === undefined) continue;
    const p = normalizePrincipal(s[f]);
    if (isUnknown(p)) return p;
    out[f] = p;
  }
  if (s.Condition !== undefined) {
    if (isUnknown(s.Condition)) return s.Condition;
    if (!isPlainObject(s.Condition)) return new Unknown(`statement ${i} of the policy document has a Condition that is not an object`);
    const cond: Record<string, Record<string, unknown[]>> = {};
    for (const [op, keys] of Object.entries(s.Condition)) {
      if (!isPlainObject(keys)) return new Unknown(`statement ${i} of the policy document has a malformed ${op} condition`);
      cond[op] = {};
      for (const [k, v] of Object.entries(keys)) cond[op][k] = toList(v).map(conditionValue);
    }
    out.Condition = cond;
  }
  return out;
}

function normalizePrincipal(p: unknown): PolicyPrincipal | Unknown {
  if (isUnknown(p)) return p;
  if (p === "*") return "*";
  if (typeof p === "string") return { AWS: [p] }; // legacy shorthand: a bare account or ARN
  if (!isPlainObject(p)) return new Unknown("a Principal of the policy document is malformed");
  const out: Exclude<PolicyPrincipal, "*"> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === "AWS" || k === "Service" || k === "Federated" || k === "CanonicalUser") out[k] = toList(v);
  }
  return out;
}

function toList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function conditionValue(v: unknown): unknown {
  return typeof v === "boolean" || typeof v === "number" ? String(v) : v;
}

function jsonErrorPosition(e: unknown): string {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : "");
  return m ? `error at character ${m[1]}` : "malformed JSON";
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);
}

/** JSON Schema of a normalized policy document (shared by every type that carries one). */
export const POLICY_DOCUMENT_SCHEMA = {
  type: "object",
  description: "IAM policy document, normalized by src/model/policy-document.ts: list fields are always arrays.",
  properties: {
    Version: { type: "string" },
    Id: { type: "string" },
    Statement: {
      type: "array",
      items: {
        type: "object",
        properties: {
          Sid: { type: "string" },
          Effect: { type: "string" },
          Action: { type: "array", items: { type: "string" } },
          NotAction: { type: "array", items: { type: "string" } },
          Resource: { type: "array", items: { type: "string" } },
          NotResource: { type: "array", items: { type: "string" } },
          Principal: { $ref: "#/$defs/principal" },
          NotPrincipal: { $ref: "#/$defs/principal" },
          Condition: {
            type: "object",
            additionalProperties: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
          },
        },
        required: ["Effect"],
        additionalProperties: false,
      },
    },
  },
  required: ["Statement"],
  additionalProperties: false,
} as const;

export const POLICY_PRINCIPAL_SCHEMA = {
  oneOf: [
    { const: "*" },
    {
      type: "object",
      properties: {
        AWS: { type: "array", items: { type: "string" } },
        Service: { type: "array", items: { type: "string" } },
        Federated: { type: "array", items: { type: "string" } },
        CanonicalUser: { type: "array", items: { type: "string" } },
      },
      additionalProperties: false,
    },
  ],
} as const;
