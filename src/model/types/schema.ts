import { POLICY_DOCUMENT_SCHEMA, POLICY_PRINCIPAL_SCHEMA } from "../policy-document.js";

/**
 * Small builders for the per-type JSON Schemas (draft 2020-12, checked with ajv), so each type module
 * reads like its CloudFormation property list. Objects are closed (additionalProperties: false) so that a
 * mapper writing a misspelt prop fails the schema tests instead of silently producing a prop no rule reads.
 */

export type JsonSchema = Record<string, unknown>;

const withDescription = (s: JsonSchema, description?: string): JsonSchema => (description ? { ...s, description } : s);

export const str = (description?: string): JsonSchema => withDescription({ type: "string" }, description);
export const bool = (description?: string): JsonSchema => withDescription({ type: "boolean" }, description);
export const int = (description?: string): JsonSchema => withDescription({ type: "integer" }, description);
export const num = (description?: string): JsonSchema => withDescription({ type: "number" }, description);
export const enumOf = (values: readonly string[], description?: string): JsonSchema =>
  withDescription({ type: "string", enum: [...values] }, description);
export const arr = (items: JsonSchema, description?: string): JsonSchema => withDescription({ type: "array", items }, description);
export const strArr = (description?: string): JsonSchema => arr(str(), description);
export const strMap = (description?: string): JsonSchema =>
  withDescription({ type: "object", additionalProperties: { type: "string" } }, description);
export const obj = (properties: Record<string, JsonSchema>, description?: string): JsonSchema =>
  withDescription({ type: "object", properties, additionalProperties: false }, description);
/** An object whose inner structure is passed through as the source gives it (documented, not checked). */
export const openObj = (description?: string): JsonSchema => withDescription({ type: "object" }, description);

/** A normalized IAM policy document (src/model/policy-document.ts). */
export const policyDocument = (description?: string): JsonSchema =>
  withDescription({ $ref: "#/$defs/policyDocument" }, description);

/** Props every type may carry, filled by the sources rather than by AWS. */
const COMMON_EXTRAS: Record<string, JsonSchema> = {
  DefaultedProps: strArr(
    "Normalized extra: top-level props whose value is the documented provider/AWS default because the evidence did not set them.",
  ),
  TagsUnknown: strArr(
    "Normalized extra: tag keys whose value is not knowable from this evidence (the whole tag map unknown gives [\"*\"]).",
  ),
};

export interface TypeSchemaInput {
  type: string;
  description: string;
  properties: Record<string, JsonSchema>;
}

/** The full schema of one type's props: closed object, common extras, shared $defs. */
export function typeSchema({ type, description, properties }: TypeSchemaInput): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `plumbline:props:${type}`,
    title: `${type} props`,
    description,
    type: "object",
    properties: { ...properties, ...COMMON_EXTRAS },
    additionalProperties: false,
    $defs: { policyDocument: POLICY_DOCUMENT_SCHEMA, principal: POLICY_PRINCIPAL_SCHEMA },
  };
}
