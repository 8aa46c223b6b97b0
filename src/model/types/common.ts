import type { Unknown } from "../values.js";
import type { PolicyDocument } from "../policy-document.js";
import type { JsonSchema } from "./schema.js";

/** A prop value as sources hand it on: the value, or an Unknown (Ref included) where it is not knowable. */
export type Val<T> = T | Unknown;

export type PolicyDoc = Val<PolicyDocument>;

/** Props every type may carry (see COMMON_EXTRAS in ./schema.ts). */
export interface CommonProps {
  DefaultedProps?: string[];
  TagsUnknown?: string[];
}

/** What the registry knows about one AWS Config resource type. */
export interface ResourceTypeInfo {
  type: string;
  schema: JsonSchema;
  description: string;
  /** Whether the type carries tags (Resource.tags is meaningful for tagging rules). */
  taggable: boolean;
  /**
   * One record per account ("account") or per account and region ("region"): an account-level setting
   * whose identity is (type, account[, region]), whatever id a source gives it (src/model/identity.ts).
   */
  singleton?: "account" | "region";
}
