import type { ReportResource } from "./model.js";

/**
 * A finding's identity across runs: the rule and the resource's identity, never where the code sits
 * (file and line change with unrelated edits) nor the evidence path (differs between machines).
 * Terraform resources are identified by workspace + address; live ones by ARN, else type + id.
 *
 * The value is MurmurHash3 x86_128 (seed 0) of the UTF-8 bytes of "<source>\n<identity>\n<rule id>",
 * written as 32 lowercase hex digits: h1, h2, h3, h4, each as 8 digits, most significant first. A
 * non-cryptographic hash is enough (a fingerprint names a finding, it guards nothing). The resource
 * comes first so that its part of the hash is computed once per resource, not once per result: an audit
 * of a large state makes hundreds of thousands of fingerprints for tens of thousands of resources.
 * (Earlier reports used the first 32 hex digits of SHA-256 over "<rule id>\n<source>\n<identity>":
 * fingerprints from before this change do not match.)
 */
export function fingerprint(ruleId: string, r: ReportResource): string {
  return fingerprintOf(ruleId, identityHash(resourceIdentity(r)));
}

/** "<source>\n<identity>": the resource's part of a fingerprint. */
export function resourceIdentity(r: ReportResource): string {
  const identity = r.address
    ? `tf:${r.workspace ?? "default"}:${r.address}`
    : r.arn
      ? `arn:${r.arn}`
      : `id:${r.type}:${r.account ?? ""}:${r.region ?? ""}:${r.id}`;
  return `${r.source}\n${identity}`;
}

/**
 * The hash state after a resource identity's whole 16-byte blocks, and the bytes left over: every
 * fingerprint of the resource continues from here. Plain small integers, so it costs one small object.
 */
export interface IdentityHash {
  readonly h1: number;
  readonly h2: number;
  readonly h3: number;
  readonly h4: number;
  /** The 0–15 bytes after the last whole block, little-endian in four words. */
  readonly t0: number;
  readonly t1: number;
  readonly t2: number;
  readonly t3: number;
  /** Byte length of the identity. */
  readonly len: number;
}

export function identityHash(identity: string): IdentityHash {
  const n = utf8Into(identity, 0);
  const H = STATE;
  H[0] = H[1] = H[2] = H[3] = 0;
  const whole = n & ~15;
  blocks(H, BYTES, 0, whole);
  const w = (i: number) => BYTES[whole + i] | (BYTES[whole + i + 1] << 8) | (BYTES[whole + i + 2] << 16) | (BYTES[whole + i + 3] << 24);
  for (let i = n; i < whole + 16; i++) BYTES[i] = 0;
  return { h1: H[0], h2: H[1], h3: H[2], h4: H[3], t0: w(0), t1: w(4), t2: w(8), t3: w(12), len: n };
}

/** A rule's part of its fingerprints: "\n<rule id>" as UTF-8. */
export type RuleKey = Uint8Array;

export function ruleKey(ruleId: string): RuleKey {
  const n = utf8Into(`\n${ruleId}`, 0);
  return BYTES.slice(0, n);
}

/** The fingerprint of a rule's result on the resource whose identityHash() this is. */
export function fingerprintOf(ruleId: string, id: IdentityHash): string {
  return fingerprintWith(ruleKey(ruleId), id);
}

/** fingerprintOf with the rule's part made once (ruleKey), for the results of one rule. */
export function fingerprintWith(rule: RuleKey, id: IdentityHash): string {
  const rest = id.len & 15;
  const total = rest + rule.length;
  if (BYTES.length < total + 16) BYTES = new Uint8Array((total + 16) * 2);
  const b = BYTES;
  // The identity's leftover bytes, then "\n<rule id>".
  for (let i = 0; i < rest; i++) {
    const word = i < 4 ? id.t0 : i < 8 ? id.t1 : i < 12 ? id.t2 : id.t3;
    b[i] = (word >>> ((i & 3) * 8)) & 255;
  }
  b.set(rule, rest);
  const H = STATE;
  H[0] = id.h1;
  H[1] = id.h2;
  H[2] = id.h3;
  H[3] = id.h4;
  const whole = total & ~15;
  blocks(H, b, 0, whole);
  finish(H, b, whole, total & 15, id.len + rule.length);
  return hex(H);
}

// ---- MurmurHash3 x86_128, in pieces, over a shared byte buffer -------------------------------------

let BYTES = new Uint8Array(1024);
const STATE = new Int32Array(4);

/** `s` as UTF-8 into BYTES from `at` (a lone surrogate as U+FFFD, as TextEncoder writes it); returns the end. */
function utf8Into(s: string, at: number): number {
  if (BYTES.length < at + s.length * 3 + 16) {
    const bigger = new Uint8Array((at + s.length * 3 + 16) * 2);
    bigger.set(BYTES.subarray(0, at));
    BYTES = bigger;
  }
  const out = BYTES;
  let n = at;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          out[n++] = 0xf0 | (c >> 18);
          out[n++] = 0x80 | ((c >> 12) & 63);
          out[n++] = 0x80 | ((c >> 6) & 63);
          out[n++] = 0x80 | (c & 63);
          continue;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** The body: whole 16-byte blocks of data[from..to). */
function blocks(H: Int32Array, data: Uint8Array, from: number, to: number): void {
  let h1 = H[0];
  let h2 = H[1];
  let h3 = H[2];
  let h4 = H[3];
  for (let i = from; i < to; i += 16) {
    let k1 = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    let k2 = data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24);
    let k3 = data[i + 8] | (data[i + 9] << 8) | (data[i + 10] << 16) | (data[i + 11] << 24);
    let k4 = data[i + 12] | (data[i + 13] << 8) | (data[i + 14] << 16) | (data[i + 15] << 24);
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = rotl(h1, 19) + h2;
    h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = rotl(h2, 17) + h3;
    h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = rotl(h3, 15) + h4;
    h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = rotl(h4, 13) + h1;
    h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0;
  }
  H[0] = h1;
  H[1] = h2;
  H[2] = h3;
  H[3] = h4;
}

/** The tail (data[at..at+rem), rem < 16) and the finalization, for a message of `len` bytes in all. */
function finish(H: Int32Array, data: Uint8Array, at: number, rem: number, len: number): void {
  let h1 = H[0];
  let h2 = H[1];
  let h3 = H[2];
  let h4 = H[3];
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  let k4 = 0;
  const t = at;
  if (rem > 12) {
    if (rem >= 15) k4 ^= data[t + 14] << 16;
    if (rem >= 14) k4 ^= data[t + 13] << 8;
    k4 ^= data[t + 12];
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
  }
  if (rem > 8) {
    if (rem >= 12) k3 ^= data[t + 11] << 24;
    if (rem >= 11) k3 ^= data[t + 10] << 16;
    if (rem >= 10) k3 ^= data[t + 9] << 8;
    k3 ^= data[t + 8];
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
  }
  if (rem > 4) {
    if (rem >= 8) k2 ^= data[t + 7] << 24;
    if (rem >= 7) k2 ^= data[t + 6] << 16;
    if (rem >= 6) k2 ^= data[t + 5] << 8;
    k2 ^= data[t + 4];
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
  }
  if (rem > 0) {
    if (rem >= 4) k1 ^= data[t + 3] << 24;
    if (rem >= 3) k1 ^= data[t + 2] << 16;
    if (rem >= 2) k1 ^= data[t + 1] << 8;
    k1 ^= data[t];
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
  }
  h1 ^= len;
  h2 ^= len;
  h3 ^= len;
  h4 ^= len;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  H[0] = h1;
  H[1] = (h2 + h1) | 0;
  H[2] = (h3 + h1) | 0;
  H[3] = (h4 + h1) | 0;
}

/** MurmurHash3_x86_128 of data[0..len) with a seed, as four unsigned words (h1..h4). For tests and tools. */
export function murmur3x86_128(data: Uint8Array, len: number, seed = 0): [number, number, number, number] {
  const H = new Int32Array([seed, seed, seed, seed]);
  const whole = len & ~15;
  blocks(H, data, 0, whole);
  finish(H, data, whole, len & 15, len);
  return [H[0] >>> 0, H[1] >>> 0, H[2] >>> 0, H[3] >>> 0];
}

const DIGITS = new Array<number>(32).fill(0);
const HEX_CODES = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));

/** 4 words → 32 lowercase hex digits, each word most significant digit first; one flat string. */
function hex(words: Int32Array): string {
  for (let w = 0; w < 4; w++) {
    const v = words[w];
    for (let d = 0; d < 8; d++) DIGITS[w * 8 + d] = HEX_CODES[(v >>> (28 - 4 * d)) & 15];
  }
  return String.fromCharCode.apply(null, DIGITS);
}
