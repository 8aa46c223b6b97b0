/** The canonical resource model: every source produces these, every rule reads only these. See DESIGN.md. */

export type SourceKind = "hcl" | "tf-plan" | "tf-state" | "aws" | "aws-config";

export const SOURCE_KINDS: readonly SourceKind[] = ["hcl", "tf-plan", "tf-state", "aws", "aws-config"];

export interface SourceLocation {
  file: string;
  line: number;
}

export interface Origin {
  source: SourceKind;
  /** Terraform address with module path and index: module.db.aws_db_instance.this[0] */
  address?: string;
  /** Where a person fixes it (HCL file, or the configuration block a plan points at). */
  file?: string;
  line?: number;
  workspace?: string;
  /** The evidence this record was read from: a directory, a plan file, a state file or s3:// URL. */
  location?: string;
  /**
   * Where each top-level prop was set, when the source knows (HCL). Keyed by the canonical prop name,
   * so a finding about `StorageEncrypted` can point at the `storage_encrypted = false` line.
   */
  propLocations?: Record<string, SourceLocation>;
  /** Terraform addresses of the split resources merged into this one (e.g. the bucket's _versioning). */
  mergedFrom?: string[];
  /** Set when the evidence cannot tell whether the resource will exist (HCL count / for_each unknown): why. */
  mayNotExist?: string;
}

export interface Resource {
  /** AWS Config resource type: "AWS::S3::Bucket". */
  type: string;
  /** The id AWS Config uses for the type (bucket name, role name, key id...). May be an Unknown's text for plans. */
  id: string;
  arn?: string;
  account?: string;
  region?: string;
  name?: string;
  tags: Record<string, string>;
  /** Normalized props, documented per type by a JSON Schema in src/model/types. May hold Unknown values. */
  props: Record<string, unknown>;
  origin: Origin;
}

/** Pseudo resource type for account-wide facts and account-scoped rule results, as AWS Config names it. */
export const ACCOUNT_TYPE = "AWS::::Account";
