/**
 * Noise control as data: per resource type, the attributes whose difference between Terraform's record
 * and AWS is not drift. The diff (./diff.ts) reads this table and has no per-type code paths.
 *
 *   computed        AWS sets it and nobody configures it (ids, revisions, derived status)
 *   terraform-only  a Terraform argument AWS does not report back, so live never has it
 *   aws-default     `absentMeans`: a side without the attribute behaves as if it had this value
 *                   (AWS applies it), so "not set" against this value is not drift
 *   volatile        changed by AWS or by automation on purpose (auto minor upgrades, autoscaling)
 *
 * Paths use the canonical prop names (docs/model.md); `*` matches any run of characters; a path covers
 * everything under it. "*" as a type applies to every type.
 */

export interface NoiseEntry {
  path: string;
  kind: "computed" | "terraform-only" | "aws-default" | "volatile";
  /** For aws-default: the value an absent attribute means. */
  absentMeans?: unknown;
  reason: string;
}

export type NoiseTable = Record<string, readonly NoiseEntry[]>;

const SSE_S3 = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] };

export const NOISE: NoiseTable = {
  "*": [
    { path: "DefaultedProps", kind: "computed", reason: "plumbline's own record of which props a mapper defaulted" },
    { path: "TagsUnknown", kind: "computed", reason: "plumbline's own record of tags known only after apply" },
    { path: "Tags.aws:*", kind: "computed", reason: "tags with the reserved aws: prefix are set by AWS services (CloudFormation, Service Catalog), never by Terraform" },
  ],
  "AWS::S3::Bucket": [
    // S3 User Guide, "Setting default server-side encryption behavior": every bucket has SSE-S3 since 2023-01-05.
    { path: "BucketEncryption", kind: "aws-default", absentMeans: SSE_S3, reason: "S3 applies SSE-S3 (AES256) to every bucket without a configuration" },
    // S3 User Guide, "Default settings for new S3 buckets" (April 2023): BPA on, ACLs disabled.
    {
      path: "PublicAccessBlockConfiguration",
      kind: "aws-default",
      absentMeans: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      reason: "new buckets have all four Block Public Access settings on",
    },
    { path: "OwnershipControls", kind: "aws-default", absentMeans: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] }, reason: "new buckets have ACLs disabled (BucketOwnerEnforced)" },
    { path: "AccessControl", kind: "aws-default", absentMeans: "Private", reason: "a bucket without an ACL setting is private" },
    { path: "ObjectLockEnabled", kind: "aws-default", absentMeans: false, reason: "Object Lock is off unless enabled at creation" },
    // Terraform's aws_s3_bucket mirrors a never-versioned bucket as versioning { enabled = false }.
    { path: "VersioningConfiguration.Status", kind: "aws-default", absentMeans: "Suspended", reason: "a never-versioned bucket reads as not enabled, like Suspended" },
    { path: "VersioningConfiguration.MfaDelete", kind: "aws-default", absentMeans: "Disabled", reason: "MFA delete is off unless enabled" },
  ],
  "AWS::KMS::Key": [
    { path: "PendingWindowInDays", kind: "terraform-only", reason: "the deletion waiting period is a Terraform argument; DescribeKey does not report it" },
    { path: "KeySpec", kind: "aws-default", absentMeans: "SYMMETRIC_DEFAULT", reason: "the default key spec" },
    { path: "KeyUsage", kind: "aws-default", absentMeans: "ENCRYPT_DECRYPT", reason: "the default key usage" },
    { path: "MultiRegion", kind: "aws-default", absentMeans: false, reason: "keys are single-Region unless created multi-Region" },
    { path: "Enabled", kind: "aws-default", absentMeans: true, reason: "keys are created enabled" },
    // The provider stores 0 when AWS reports no period (moto never does; AWS omits it while rotation is off).
    { path: "RotationPeriodInDays", kind: "aws-default", absentMeans: 0, reason: "no rotation period reported reads as Terraform's 0" },
  ],
  "AWS::RDS::DBInstance": [
    { path: "SkipFinalSnapshot", kind: "terraform-only", reason: "a Terraform destroy-time argument" },
    { path: "DeleteAutomatedBackups", kind: "terraform-only", reason: "a Terraform destroy-time argument" },
    { path: "EngineVersion", kind: "volatile", reason: "auto minor version upgrades change it; Terraform may hold only the major version" },
    { path: "MasterUserSecret", kind: "computed", reason: "the managed master secret's ARN is created by RDS" },
  ],
  "AWS::RDS::DBCluster": [
    { path: "SkipFinalSnapshot", kind: "terraform-only", reason: "a Terraform destroy-time argument" },
    { path: "EngineVersion", kind: "volatile", reason: "auto minor version upgrades change it; Terraform may hold only the major version" },
    { path: "MasterUserSecret", kind: "computed", reason: "the managed master secret's ARN is created by RDS" },
  ],
  "AWS::ElastiCache::ReplicationGroup": [
    { path: "EngineVersion", kind: "volatile", reason: "Terraform holds the requested version (7.1), AWS the running one (7.1.0)" },
  ],
  "AWS::SecretsManager::Secret": [
    { path: "RecoveryWindowInDays", kind: "terraform-only", reason: "a Terraform destroy-time argument" },
  ],
  "AWS::ECS::Service": [
    { path: "DesiredCount", kind: "volatile", reason: "Application Auto Scaling changes it (Terraform configs ignore_changes it)" },
  ],
  "AWS::ECS::TaskDefinition": [
    { path: "Revision", kind: "computed", reason: "assigned by ECS on registration" },
  ],
  "AWS::GuardDuty::Detector": [
    { path: "Status", kind: "computed", reason: "derived from Enable" },
  ],
  "AWS::Config::ConfigurationRecorder": [
    { path: "RecordingMode", kind: "aws-default", absentMeans: { RecordingFrequency: "CONTINUOUS" }, reason: "recording is continuous unless set" },
  ],
};

/**
 * Live records AWS creates in every account: not "unmanaged" drift. Matched on the live record's props
 * (every listed prop must equal) or its id (a glob).
 */
export interface UnmanagedExemption {
  type: string;
  props?: Record<string, unknown>;
  id?: string;
  reason: string;
}

export const UNMANAGED_EXEMPT: readonly UnmanagedExemption[] = [
  { type: "AWS::EC2::SecurityGroup", props: { GroupName: "default" }, reason: "every VPC's default security group is created by EC2" },
  { type: "AWS::EC2::VPC", props: { IsDefault: true }, reason: "the default VPC is created by AWS" },
  // DescribeVpcs' IsDefault is not a canonical prop; every default VPC has this CIDR (VPC User Guide, "Default VPCs").
  { type: "AWS::EC2::VPC", props: { CidrBlock: "172.31.0.0/16" }, reason: "the default VPC (172.31.0.0/16) is created by AWS in every region" },
  { type: "AWS::::Account", reason: "account-wide settings are facts about the account, not resources a state holds" },
  // Settings that exist in every account (and region) whether or not anyone set them: compared when a
  // state manages them, never "unmanaged".
  { type: "AWS::EC2::EBSEncryptionByDefault", reason: "EBS default encryption is a setting every region of every account has" },
  { type: "AWS::S3::AccountPublicAccessBlock", reason: "the account-level S3 Block Public Access is a setting every account has" },
  { type: "AWS::IAM::AccountPasswordPolicy", reason: "the IAM password policy is a setting of the account" },
  { type: "AWS::KMS::Key", props: { KeyManager: "AWS" }, reason: "AWS managed keys (aws/s3, aws/rds...) are created by services" },
  { type: "AWS::IAM::Role", props: { Path: "/aws-service-role/" }, reason: "service-linked roles are created by AWS services" },
  { type: "AWS::IAM::Role", props: { Path: "/aws-reserved/sso.amazonaws.com/" }, reason: "IAM Identity Center roles are created by AWS" },
];
