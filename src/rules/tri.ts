/**
 * Three-valued (Kleene) truth as small integers, so the hot path compares numbers and `not` is `2 - x`.
 */
export const FALSE = 0;
export const UNKNOWN = 1;
export const TRUE = 2;
export type Tri = 0 | 1 | 2;

export function triName(t: Tri): "FALSE" | "UNKNOWN" | "TRUE" {
  return t === TRUE ? "TRUE" : t === FALSE ? "FALSE" : "UNKNOWN";
}
