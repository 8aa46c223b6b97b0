import type { SourceKind, SourceLocation } from "../../model/resource.js";

/**
 * One Terraform resource instance as every Terraform source sees it: HCL (after evaluation), plan JSON
 * and state v4 all reduce to this, in the provider's own schema (snake_case attributes, nested blocks as
 * arrays of objects). The mappers in ./aws turn these into canonical Resources, so they are written once
 * for all three sources.
 *
 * Attribute values are plain JSON, `Unknown` (from ../../model/values.js) where the value cannot be known,
 * or REDACTED where it is sensitive.
 */
export interface TfInstance {
  /** Full address with module path and index key: module.db.aws_db_instance.this["a"] */
  address: string;
  /** module.db, module.a[0].module.b; "" for the root module. */
  modulePath: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  index?: number | string;
  attributes: Record<string, unknown>;
  source: Extract<SourceKind, "hcl" | "tf-plan" | "tf-state">;
  /** The evidence location: HCL root dir, plan file, state file path or s3:// URL. */
  location: string;
  workspace?: string;
  /** Where the resource block starts. */
  file?: string;
  line?: number;
  /** Where each top-level attribute or nested block is set (HCL; plans where configuration allows). */
  attributeLocations?: Record<string, SourceLocation>;
  /** Account / region when the source knows them (state ARNs, provider config). */
  account?: string;
  region?: string;
  /**
   * Set when the instance may not exist: HCL evaluated a block whose count / for_each is unknown once,
   * with an unknown index. Says why ("count is unknown (var.enable_waf ? 1 : 0)").
   */
  mayNotExist?: string;
}

/** What a Terraform source hands on: instances, and notes for the report's evidence section. */
export interface TfEvidence {
  source: TfInstance["source"];
  location: string;
  instances: TfInstance[];
  /** Things a person should know: remote modules not followed, unknown values, workspaces read. */
  notes: string[];
}
