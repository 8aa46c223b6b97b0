/**
 * How plumbline's resource types line up with AWS Config's. Most are the same name; a few are not:
 *
 * - recorded under more than one Config type: Shield Advanced protections of CloudFront / Route 53 /
 *   Global Accelerator are AWS::Shield::Protection (us-east-1), those of regional resources (ALB, EIP)
 *   AWS::ShieldRegional::Protection. Both map through the one Shield protection mapper.
 * - recorded in parts: a backup plan's selections are separate AWS::Backup::BackupSelection items,
 *   joined to their plan (join.ts).
 * - not recorded at all: account settings and types AWS Config has no resource type for. Their reason
 *   is what rules over them say (UNKNOWN, never PASS).
 *
 * Sources: the AWS Config resource type list (awslabs/aws-config-resource-schema,
 * config/properties/resource-types/; AWS Config Developer Guide, "Supported Resource Types").
 */

/** plumbline type → the Config types whose items make its records (its own name first). */
export const CONFIG_SOURCES: Readonly<Record<string, readonly string[]>> = {
  "AWS::Shield::Protection": ["AWS::Shield::Protection", "AWS::ShieldRegional::Protection"],
  "AWS::Backup::BackupPlan": ["AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection"],
};

/** Config type → the plumbline type its items become (where the names differ). */
export const PLUMBLINE_TYPE: Readonly<Record<string, string>> = {
  "AWS::ShieldRegional::Protection": "AWS::Shield::Protection",
};

/** Config types whose items are parts of another type's records, never records of their own. */
export const PART_TYPES: ReadonlySet<string> = new Set(["AWS::Backup::BackupSelection"]);

/** Types AWS Config has no resource type for: why rules over them cannot be judged from Config items. */
export const NOT_RECORDED: Readonly<Record<string, string>> = {
  "AWS::::Account": "AWS Config does not record account facts (root access keys, root MFA): they are an IAM account summary, not a resource",
  "AWS::IAM::AccountPasswordPolicy": "AWS Config does not record the IAM password policy (an account setting, not a resource type)",
  "AWS::EC2::EBSEncryptionByDefault": "AWS Config does not record EBS encryption by default (an account setting per region, not a resource type); the managed rule EC2_EBS_ENCRYPTION_BY_DEFAULT checks it",
  "AWS::Config::DeliveryChannel": "AWS Config does not record its own delivery channels (no AWS::Config::DeliveryChannel resource type)",
  "AWS::SSM::Parameter": "AWS Config does not record Systems Manager parameters (no AWS::SSM::Parameter resource type)",
  "AWS::RDS::DBParameterGroup": "AWS Config does not record RDS DB parameter groups (no AWS::RDS::DBParameterGroup resource type)",
  "AWS::RDS::DBClusterParameterGroup": "AWS Config does not record RDS DB cluster parameter groups (no AWS::RDS::DBClusterParameterGroup resource type)",
};

/** The Config types to list for these plumbline types (each once, sorted). */
export function configTypesFor(types: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of types) for (const c of CONFIG_SOURCES[t] ?? [t]) out.add(c);
  return [...out].sort();
}

/** Why a type cannot be read from Config items: AWS Config does not record it, or plumbline has no adapter. */
export function unreadableReason(type: string): string {
  return NOT_RECORDED[type] ?? `plumbline cannot read ${type} configuration items (no adapter for this type)`;
}
