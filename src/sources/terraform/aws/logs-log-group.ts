import { LOGS_LOG_GROUP_TYPE } from "../../../model/types/logs-log-group.js";
import { resourceMapping } from "./mapping.js";
import { num, str, tfType } from "./tf-reader.js";

/** aws_cloudwatch_log_group → AWS::Logs::LogGroup. Id: the log group name. */
export const TF_LOG_GROUP = tfType("aws_cloudwatch_log_group", ["name", "id", "arn", "retention_in_days", "kms_key_id", "log_group_class"]);

export const LOG_GROUP_MAPPING = resourceMapping(TF_LOG_GROUP, LOGS_LOG_GROUP_TYPE, (r, b) => {
  const name = r.get("name") ?? r.get("id");
  b.set("LogGroupName", str(name), "name");
  // Provider docs: retention_in_days "If you select 0, the events in the log group are always retained
  // and never expire"; absent means the same. CloudFormation leaves RetentionInDays out for that.
  const retention = num(r.get("retention_in_days"));
  b.set("RetentionInDays", retention === 0 ? undefined : retention, "retention_in_days");
  b.set("KmsKeyId", str(r.get("kms_key_id")), "kms_key_id");
  b.set("LogGroupClass", str(r.get("log_group_class")), "log_group_class");
  b.default("LogGroupClass", "STANDARD"); // provider docs: log_group_class default STANDARD
  return { ident: { id: name, name, arn: r.get("arn") }, keys: [name, r.get("id"), r.get("arn")] };
});
