/**
 * The leaf operators: one registry that the compiler, the schema generator and the docs all read.
 * `test` sees plain values only: the leaf has already turned Unknown / REDACTED into UNKNOWN (or, for
 * exists / absent, into set). `undefined` means absent (null is normalised to it by the leaf).
 */
import { isRef, REDACTED, Unknown } from "../model/values.js";
import { renderValue, unknownText } from "./render.js";
import { FALSE, TRUE, UNKNOWN, type Tri } from "./tri.js";

/** What `value` must be: none, anything, a list, a number, or a regular expression string. */
export type ValueKind = "none" | "any" | "list" | "number" | "regex";

export interface OpDef {
  readonly name: string;
  readonly value: ValueKind;
  readonly summary: string;
  /** `now`: the evaluation's clock in epoch milliseconds (EvaluateOptions.now), for date operators. */
  test(actual: unknown, expected: unknown, re: RegExp | undefined, now: number): Tri;
  /** TRUE / FALSE outcomes. `keyLabel` names a key of the value ("tag Owner" for $tags, else "X.key"). */
  explain(label: string, actual: unknown, expected: unknown, tri: Tri, re: RegExp | undefined, keyLabel: (key: string) => string, now: number): string;
  /** The outcome depends on the evaluation's clock: reasons are not memoized across resources. */
  readonly clock?: boolean;
  /** The explanations name keys of the value (so the leaf passes a real keyLabel). */
  readonly keyed?: boolean;
  /** An UNKNOWN outcome on a known container, when the operator can name the part that is unknown. */
  explainUnknown?(label: string, actual: unknown, expected: unknown, keyLabel: (key: string) => string): string | undefined;
}

/** Kleene deep equality: UNKNOWN when only an Unknown / REDACTED part could make them differ. */
export function eq3(a: unknown, b: unknown, depth = 0): Tri {
  if (a === b) return TRUE;
  if (a instanceof Unknown || a === REDACTED) return UNKNOWN;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || depth > 32) return FALSE;
  if (Array.isArray(a) !== Array.isArray(b)) return FALSE;
  let res: Tri = TRUE;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return FALSE;
    for (let i = 0; i < a.length; i++) {
      const t = eq3(a[i], bb[i], depth + 1);
      if (t === FALSE) return FALSE;
      if (t === UNKNOWN) res = UNKNOWN;
    }
    return res;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return FALSE;
  for (const k of bk) {
    if (!Object.hasOwn(ao, k)) return FALSE;
    const t = eq3(ao[k], bo[k], depth + 1);
    if (t === FALSE) return FALSE;
    if (t === UNKNOWN) res = UNKNOWN;
  }
  return res;
}

function in3(a: unknown, list: unknown): Tri {
  if (!Array.isArray(list)) return FALSE;
  let res: Tri = FALSE;
  for (const x of list) {
    const t = eq3(a, x);
    if (t === TRUE) return TRUE;
    if (t === UNKNOWN) res = UNKNOWN;
  }
  return res;
}

function contains3(a: unknown, x: unknown): Tri {
  if (typeof a === "string") return typeof x === "string" && a.includes(x) ? TRUE : FALSE;
  if (Array.isArray(a)) {
    let res: Tri = FALSE;
    for (const el of a) {
      const t = eq3(el, x);
      if (t === TRUE) return TRUE;
      if (t === UNKNOWN) res = UNKNOWN;
    }
    return res;
  }
  if (a !== null && typeof a === "object" && typeof x === "string") {
    return Object.hasOwn(a, x) && (a as Record<string, unknown>)[x] !== undefined ? TRUE : FALSE;
  }
  return FALSE;
}

/** A map's value for a required key: set (TRUE), not set (FALSE: absent, null, ""), or not knowable. */
function keySet(map: Record<string, unknown>, key: unknown): Tri {
  if (typeof key !== "string" || !Object.hasOwn(map, key)) return FALSE;
  const v = map[key];
  if (v === REDACTED || isRef(v)) return TRUE; // a secret or a reference is set, as for `exists`
  if (v instanceof Unknown) return UNKNOWN;
  return isSet(v) ? TRUE : FALSE;
}

/** Whether `a` holds `x`, for contains-all: an element of a list, a substring of a string, a set key of a map. */
function holds1(a: unknown, x: unknown): Tri {
  if (Array.isArray(a) || typeof a === "string") return contains3(a, x);
  if (a !== null && typeof a === "object") return keySet(a as Record<string, unknown>, x);
  return FALSE;
}

/** Kleene AND of holds1 over the list: FALSE as soon as one is missing, UNKNOWN if one may be missing. */
function containsAll3(a: unknown, list: unknown): Tri {
  if (a === undefined || !Array.isArray(list)) return FALSE;
  let res: Tri = TRUE;
  for (const x of list) {
    const t = holds1(a, x);
    if (t === FALSE) return FALSE;
    if (t === UNKNOWN) res = UNKNOWN;
  }
  return res;
}

/** The first element of `list` for which holds1(a, x) is `want`. */
function firstWith(a: unknown, list: unknown, want: Tri): unknown {
  if (!Array.isArray(list)) return undefined;
  for (const x of list) if (holds1(a, x) === want) return x;
  return undefined;
}

function isMap(a: unknown): a is Record<string, unknown> {
  return a !== null && typeof a === "object" && !Array.isArray(a);
}

const NUMERIC = /^-?\d+(\.\d+)?$/;
/** Numbers, and numeric strings (Terraform converts "7" to 7 for number attributes, so we do too). */
function toNum(a: unknown): number {
  if (typeof a === "number") return a;
  if (typeof a === "string" && NUMERIC.test(a)) return Number(a);
  return NaN;
}

function isSet(a: unknown): boolean {
  return a !== undefined && a !== null && a !== "";
}

function isEmpty(a: unknown): boolean {
  if (!isSet(a)) return true;
  if (Array.isArray(a)) return a.length === 0;
  if (typeof a === "object") return Object.keys(a as object).length === 0;
  return false;
}

const r = renderValue;
const is = (label: string, a: unknown) => (a === undefined ? `${label} is missing` : `${label} is ${r(a)}`);

function listText(v: unknown, quoted = true): string {
  if (!Array.isArray(v)) return r(v);
  const shown = v
    .slice(0, 8)
    .map((x) => (!quoted && typeof x === "string" ? x : r(x)))
    .join(", ");
  return v.length > 8 ? `${shown}, …` : shown;
}

function cmp(name: string, holds: (a: number, b: number) => boolean, failWord: string, summary: string): OpDef {
  return {
    name,
    value: "number",
    summary,
    test: (a, b) => {
      const x = toNum(a);
      if (Number.isNaN(x)) return FALSE;
      return holds(x, b as number) ? TRUE : FALSE;
    },
    explain: (label, a, b, t) => {
      if (a === undefined) return `${label} is missing`;
      if (Number.isNaN(toNum(a))) return `${label} is ${r(a)}, not a number`;
      return t === TRUE ? `${label} is ${r(a)}` : `${label} is ${r(a)}, ${failWord} ${r(b)}`;
    },
  };
}

const DAY_MS = 86_400_000;


/** An ISO-8601 timestamp (state's create_date, the API's CreateDate) as epoch ms; NaN when it is not one. */
function toTime(a: unknown): number {
  if (a instanceof Date) return a.getTime();
  if (typeof a !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(a)) return Number.NaN;
  return Date.parse(a);
}

/** Whole days between a timestamp and now, for reasons ("is 412 days old"). */
function ageDays(a: unknown, now: number): number {
  return Math.floor((now - toTime(a)) / DAY_MS);
}

export const OPERATORS: readonly OpDef[] = [
  {
    name: "eq",
    value: "any",
    summary: "equals `value` (deep equality for lists and objects)",
    test: (a, b) => eq3(a, b),
    explain: (label, a, b, t) => (t === FALSE && a !== undefined && typeof b !== "boolean" ? `${label} is ${r(a)}, expected ${r(b)}` : is(label, a)),
  },
  {
    name: "ne",
    value: "any",
    summary: "does not equal `value` (absent counts as not equal)",
    test: (a, b) => (2 - eq3(a, b)) as Tri,
    explain: (label, a) => is(label, a),
  },
  {
    name: "in",
    value: "list",
    summary: "equals one of the listed values",
    test: (a, b) => (a === undefined ? FALSE : in3(a, b)),
    explain: (label, a, b, t) => (t === FALSE && a !== undefined ? `${label} is ${r(a)}, not one of ${listText(b)}` : is(label, a)),
  },
  {
    name: "not-in",
    value: "list",
    summary: "equals none of the listed values (absent counts as none)",
    test: (a, b) => (a === undefined ? TRUE : ((2 - in3(a, b)) as Tri)),
    explain: (label, a, _b, t) => (t === FALSE ? `${label} is ${r(a)}, which is not allowed` : is(label, a)),
  },
  {
    name: "contains",
    value: "any",
    summary: "a list has an element equal to `value`; a string has `value` as a substring; an object has `value` as a key",
    test: (a, b) => contains3(a, b),
    explain: (label, a, b, t) => (a === undefined ? `${label} is missing` : t === TRUE ? `${label} contains ${r(b)}` : `${label} does not contain ${r(b)}`),
  },
  {
    name: "not-contains",
    value: "any",
    summary: "the opposite of contains (absent contains nothing)",
    test: (a, b) => (a === undefined ? TRUE : ((2 - contains3(a, b)) as Tri)),
    explain: (label, a, b, t) => (a === undefined ? `${label} is missing` : t === TRUE ? `${label} does not contain ${r(b)}` : `${label} contains ${r(b)}`),
  },
  {
    name: "contains-all",
    value: "list",
    keyed: true,
    summary:
      "a list has an element equal to each listed value; a map has each listed key, set (not null or \"\"); $tags has each listed tag key, set; a string has each as a substring",
    test: (a, b) => containsAll3(a, b),
    explain: (label, a, b, t, _re, keyLabel) => {
      if (a === undefined) return `${label} is missing`;
      if (t === TRUE) return isMap(a) ? `${label} has ${listText(b, false)}` : `${label} contains ${listText(b)}`;
      const missing = firstWith(a, b, FALSE);
      if (isMap(a)) return typeof missing === "string" ? `${keyLabel(missing)} is missing` : `${label} has no key ${r(missing)}`;
      return `${label} does not contain ${r(missing)}`;
    },
    explainUnknown: (label, a, b, keyLabel) => {
      const open = firstWith(a, b, UNKNOWN);
      if (isMap(a) && typeof open === "string") return unknownText(keyLabel(open), a[open]);
      return undefined;
    },
  },
  {
    name: "matches",
    value: "regex",
    summary: "a string matching the regular expression `value` (JavaScript syntax, unanchored: use ^…$)",
    test: (a, _b, re) => (typeof a === "string" && re!.test(a) ? TRUE : FALSE),
    explain: (label, a, _b, t, re) => {
      if (a === undefined) return `${label} is missing`;
      if (typeof a !== "string") return `${label} is ${r(a)}, not a string`;
      return t === TRUE ? `${label} is ${r(a)}` : `${label} is ${r(a)}, which does not match /${re!.source}/`;
    },
  },
  {
    name: "within-days",
    value: "number",
    clock: true,
    summary: "an ISO-8601 timestamp no more than `value` days before the evaluation time (key ages, last rotation)",
    test: (a, b, _re, now) => {
      const t = toTime(a);
      if (Number.isNaN(t)) return FALSE;
      return now - t <= (b as number) * DAY_MS ? TRUE : FALSE;
    },
    explain: (label, a, b, t, _re, _key, now) => {
      if (a === undefined) return `${label} is missing`;
      if (Number.isNaN(toTime(a))) return `${label} is ${r(a)}, not a timestamp`;
      const days = ageDays(a, now);
      return t === TRUE ? `${label} is ${r(a)} (${days} days ago)` : `${label} is ${r(a)}, ${days} days ago: more than ${r(b)}`;
    },
  },
  cmp("gt", (a, b) => a > b, "not above", "a number greater than `value`"),
  cmp("gte", (a, b) => a >= b, "below the minimum", "a number greater than or equal to `value`"),
  cmp("lt", (a, b) => a < b, "not below", "a number less than `value`"),
  cmp("lte", (a, b) => a <= b, "above the maximum", "a number less than or equal to `value`"),
  {
    name: "exists",
    value: "none",
    summary: 'is set: not absent, null or "" (a Ref or a sensitive value is set; any other Unknown is UNKNOWN)',
    test: (a) => (isSet(a) ? TRUE : FALSE),
    explain: (label, a, _b, t) => (t === TRUE ? `${label} is ${r(a)}` : `${label} is missing`),
  },
  {
    name: "absent",
    value: "none",
    summary: 'is not set: absent, null or ""',
    test: (a) => (isSet(a) ? FALSE : TRUE),
    explain: (label, a, _b, t) => (t === TRUE ? `${label} is not set` : `${label} is set to ${r(a)}`),
  },
  {
    name: "known",
    value: "none",
    summary:
      "is set to a value this evidence knows: not absent, not a reference to another resource, an after-apply value or a sensitive value (tells a literal \"alias/aws/s3\" from a key reference)",
    test: (a) => (isSet(a) ? TRUE : FALSE),
    explain: (label, a, _b, t) => (t === TRUE ? `${label} is ${r(a)}` : `${label} is missing`),
  },
  {
    name: "empty",
    value: "none",
    summary: 'is absent, null, "", [] or {}',
    test: (a) => (isEmpty(a) ? TRUE : FALSE),
    explain: (label, a, _b, t) => (t === TRUE ? (a === undefined ? `${label} is missing` : `${label} is empty`) : `${label} is ${r(a)}`),
  },
  {
    name: "not-empty",
    value: "none",
    summary: "is set and, for lists, strings and objects, has at least one element / character / key",
    test: (a) => (isEmpty(a) ? FALSE : TRUE),
    explain: (label, a, _b, t) => (t === TRUE ? `${label} is ${r(a)}` : a === undefined ? `${label} is missing` : `${label} is empty`),
  },
];

export const OPERATOR_NAMES: readonly string[] = OPERATORS.map((o) => o.name);

const BY_NAME = new Map(OPERATORS.map((o) => [o.name, o]));
export function operator(name: string): OpDef | undefined {
  return BY_NAME.get(name);
}
