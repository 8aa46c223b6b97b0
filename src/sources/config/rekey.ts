/**
 * Key spelling between AWS Config items and describe-API shapes. A configuration item's `configuration`
 * is the describe shape serialized by Config's (Java) recorder: keys start lower-case ("dBInstanceClass",
 * "sSEDescription"), and for some types the leading acronym is folded whole ("ssedescription",
 * "kmsmasterKeyArn"). Keys are matched case-insensitively against the names a type's adapter lists, and
 * otherwise get an upper-case first letter, which is right for every plain name.
 */

export type KeyNames = ReadonlyMap<string, string>;

/** The lookup table for a list of canonical (SDK v3) key names. */
export function keyNames(names: readonly string[]): KeyNames {
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}

const NONE: KeyNames = new Map();

function upperFirst(k: string): string {
  return k.length === 0 ? k : k[0].toUpperCase() + k.slice(1);
}

function lowerFirst(k: string): string {
  return k.length === 0 ? k : k[0].toLowerCase() + k.slice(1);
}

const NO_MAPS: ReadonlySet<string> = new Set();

/**
 * `opaque`: lower-cased names of keys whose value is a map of the user's own keys (a log driver's
 * options, Docker labels): those keys are data, not field names, and are kept as they are.
 */
function rekey(v: unknown, names: KeyNames, fold: (k: string) => string, opaque: ReadonlySet<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => rekey(x, names, fold, opaque));
  if (v === null) return undefined;
  if (typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === null) continue; // Config writes null for "not set"; shapes leave such fields out
    out[names.get(k.toLowerCase()) ?? fold(k)] = opaque.has(k.toLowerCase()) ? x : rekey(x, names, fold, opaque);
  }
  return out;
}

/** camelCase (Config) → PascalCase (SDK v3 for most services), deeply; nulls dropped. */
export function pascal<T = Record<string, unknown>>(v: unknown, names: KeyNames = NONE, opaque: ReadonlySet<string> = NO_MAPS): T {
  return rekey(v, names, upperFirst, opaque) as T;
}

/** Any case → camelCase, for services whose SDK v3 shapes are camelCase (CloudWatch Logs, ECS, Config). */
export function camel<T = Record<string, unknown>>(v: unknown, names: KeyNames = NONE, opaque: ReadonlySet<string> = NO_MAPS): T {
  return rekey(v, names, lowerFirst, opaque) as T;
}

/** A field by name, whatever its case in the item. */
export function field(o: Record<string, unknown> | undefined, name: string): unknown {
  if (!o) return undefined;
  if (Object.hasOwn(o, name)) return o[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}
