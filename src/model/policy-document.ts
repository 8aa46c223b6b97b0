import { Unknown, isUnknown, parseJsonText } from "./values.js";

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
 *
 * A `PartialJson` (HCL `jsonencode` / `aws_iam_policy_document` over values known only after apply) is
 * normalized from its structure, and only its unknown parts stay Unknown: an unknown list element stays an
 * Unknown element (`Resource: ["arn:…", <Unknown>]`), an unknown list, Principal or Condition stays that
 * Unknown in place of the list / object, an unknown statement stays an Unknown element of `Statement`, and a
 * statement whose Effect is unknown is an Unknown statement (what it grants or denies is not known).
 */

export type PolicyPrincipal = "*" | { AWS?: PolicyList; Service?: PolicyList; Federated?: PolicyList; CanonicalUser?: PolicyList };

/** A list field: strings, or Unknown where an element is not knowable; Unknown as a whole when the list is. */
export type PolicyList = unknown[] | Unknown;

export interface PolicyStatement {
  Sid?: string | Unknown;
  Effect: "Allow" | "Deny" | string;
  Action?: PolicyList;
  NotAction?: PolicyList;
  Resource?: PolicyList;
  NotResource?: PolicyList;
  Principal?: PolicyPrincipal | Unknown;
  NotPrincipal?: PolicyPrincipal | Unknown;
  /** operator → condition key → values (strings). */
  Condition?: Record<string, Record<string, PolicyList> | Unknown> | Unknown;
}

export interface PolicyDocument {
  Version?: string | Unknown;
  Id?: string | Unknown;
  /** Unknown elements only from a PartialJson (a statement not knowable before apply). */
  Statement: Array<PolicyStatement | Unknown>;
}

const LIST_FIELDS = ["Action", "NotAction", "Resource", "NotResource"] as const;
const PRINCIPAL_FIELDS = ["Principal", "NotPrincipal"] as const;

/**
 * Normalize a policy given as JSON text, a PartialJson or an already-parsed object. Returns undefined for
 * "not set" (undefined, null, or the empty string state files hold for a bucket without a policy).
 */
export function normalizePolicyDocument(input: unknown): PolicyDocument | Unknown | undefined {
  const parsed = parseJsonText(input, "the policy document");
  if (parsed === undefined || isUnknown(parsed)) return parsed;
  const doc = parsed.json;
  if (!isPlainObject(doc)) return new Unknown("the policy document is not a JSON object");
  const rawStatements = doc.Statement;
  if (isUnknown(rawStatements)) return rawStatements;
  if (rawStatements === undefined) return new Unknown("the policy document has no Statement");
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements: Array<PolicyStatement | Unknown> = [];
  for (const [i, s] of list.entries()) {
    if (isUnknown(s)) {
      statements.push(s);
      continue;
    }
    const st = normalizeStatement(s, i);
    if (st instanceof Malformed) return st.unknown;
    statements.push(st);
  }
  const out: PolicyDocument = { Statement: statements };
  if (typeof doc.Version === "string" || isUnknown(doc.Version)) out.Version = doc.Version;
  if (typeof doc.Id === "string" || isUnknown(doc.Id)) out.Id = doc.Id;
  return out;
}

/** A statement that makes the whole document unreadable (as opposed to an unknown statement). */
class Malformed {
  constructor(readonly unknown: Unknown) {}
}

function normalizeStatement(s: unknown, i: number): PolicyStatement | Unknown | Malformed {
  const bad = (what: string) => new Malformed(new Unknown(`statement ${i} of the policy document ${what}`));
  if (!isPlainObject(s)) return bad("is not an object");
  const effect = s.Effect;
  if (isUnknown(effect)) return effect;
  if (typeof effect !== "string") return bad("has no Effect");
  const out: PolicyStatement = { Effect: effect };
  if (typeof s.Sid === "string" || isUnknown(s.Sid)) out.Sid = s.Sid;
  for (const f of LIST_FIELDS) if (s[f] !== undefined) out[f] = toList(s[f]);
  for (const f of PRINCIPAL_FIELDS) {
    if (s[f] === undefined) continue;
    const p = normalizePrincipal(s[f]);
    if (p instanceof Malformed) return p;
    out[f] = p;
  }
  if (s.Condition !== undefined) {
    if (isUnknown(s.Condition)) out.Condition = s.Condition;
    else if (!isPlainObject(s.Condition)) return bad("has a Condition that is not an object");
    else {
      const cond: Record<string, Record<string, PolicyList> | Unknown> = {};
      for (const [op, keys] of Object.entries(s.Condition)) {
        if (isUnknown(keys)) {
          cond[op] = keys;
          continue;
        }
        if (!isPlainObject(keys)) return bad(`has a malformed ${op} condition`);
        const byKey: Record<string, PolicyList> = {};
        for (const [k, v] of Object.entries(keys)) {
          const values = toList(v);
          byKey[k] = isUnknown(values) ? values : values.map(conditionValue);
        }
        cond[op] = byKey;
      }
      out.Condition = cond;
    }
  }
  return out;
}

function normalizePrincipal(p: unknown): PolicyPrincipal | Unknown | Malformed {
  if (isUnknown(p)) return p;
  if (p === "*") return "*";
  if (typeof p === "string") return { AWS: [p] }; // legacy shorthand: a bare account or ARN
  if (!isPlainObject(p)) return new Malformed(new Unknown("a Principal of the policy document is malformed"));
  const out: Exclude<PolicyPrincipal, "*"> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === "AWS" || k === "Service" || k === "Federated" || k === "CanonicalUser") out[k] = toList(v);
  }
  return out;
}

/** A list-or-scalar field as a list; an Unknown (a list not knowable, from a PartialJson) stays Unknown. */
function toList(v: unknown): PolicyList {
  if (v === undefined || v === null) return [];
  if (isUnknown(v)) return v;
  return Array.isArray(v) ? v : [v];
}

function conditionValue(v: unknown): unknown {
  return typeof v === "boolean" || typeof v === "number" ? String(v) : v;
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
