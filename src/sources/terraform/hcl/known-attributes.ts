/**
 * Which attributes of a resource are knowable from its own configuration, for references such as
 * `aws_s3_bucket.logs.id`. Any argument set in the block with a fully known value is taken as is (the
 * provider must return what was configured). On top of that, a small table of computed attributes that
 * equal an argument, and ARNs that need nothing but the partition.
 */

/** Types whose `id` is the value of one of their arguments. */
const ID_FROM: Record<string, string> = {
  aws_s3_bucket: "bucket",
  aws_iam_role: "name",
  aws_iam_user: "name",
  aws_iam_group: "name",
  aws_iam_instance_profile: "name",
  aws_cloudwatch_log_group: "name",
  aws_cloudtrail: "name",
  aws_dynamodb_table: "name",
  aws_ssm_parameter: "name",
  aws_db_subnet_group: "name",
  aws_db_parameter_group: "name",
  aws_elasticache_subnet_group: "name",
  aws_elasticache_parameter_group: "name",
  aws_elasticache_replication_group: "replication_group_id",
  aws_elasticache_cluster: "cluster_id",
  aws_rds_cluster: "cluster_identifier",
  aws_kms_alias: "name",
  aws_ecr_repository: "name",
  aws_lambda_function: "function_name",
  aws_config_configuration_recorder: "name",
  aws_config_delivery_channel: "name",
};

/** The argument an attribute is copied from, if the table says so. */
export function aliasedArgument(tfType: string, attr: string): string | undefined {
  if (attr === "id") return ID_FROM[tfType];
  return undefined;
}

/**
 * Resource types with a `tags` argument (and so a computed `tags_all`), among those the mappers read, per
 * the hashicorp/aws 5.x schema (test/fixtures/aws-provider-attribute-paths.json; a test keeps them in step).
 * Other types get tags_all only when they set tags.
 */
const TAGGABLE = new Set([
  "aws_cloudfront_distribution", "aws_cloudtrail", "aws_cloudwatch_log_group", "aws_db_instance", "aws_dynamodb_table",
  "aws_ecs_service", "aws_ecs_task_definition", "aws_elasticache_replication_group", "aws_flow_log", "aws_guardduty_detector",
  "aws_iam_policy", "aws_iam_role", "aws_iam_user", "aws_kms_key", "aws_rds_cluster", "aws_s3_bucket",
  "aws_secretsmanager_secret", "aws_security_group", "aws_ssm_parameter", "aws_vpc", "aws_vpc_security_group_egress_rule",
  "aws_vpc_security_group_ingress_rule", "aws_wafv2_web_acl",
  // Types the rule library added (issue 3).
  "aws_alb", "aws_alb_listener", "aws_backup_plan", "aws_backup_vault", "aws_db_cluster_snapshot", "aws_db_parameter_group",
  "aws_db_snapshot", "aws_ebs_volume", "aws_ecr_repository", "aws_lb", "aws_lb_listener", "aws_rds_cluster_parameter_group",
  "aws_shield_protection", "aws_sns_topic", "aws_sqs_queue",
]);

export function hasTags(tfType: string): boolean {
  return TAGGABLE.has(tfType);
}

/** Partition of a region: the only unknown part of an S3 bucket ARN. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}

/** ARNs computable from configuration and region alone. */
export function derivedArn(tfType: string, config: (name: string) => unknown, region: string | undefined): string | undefined {
  if (!region) return undefined;
  if (tfType === "aws_s3_bucket") {
    const b = config("bucket");
    if (typeof b === "string") return `arn:${partitionOf(region)}:s3:::${b}`;
  }
  return undefined;
}
