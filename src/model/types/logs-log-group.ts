import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { int, str, typeSchema } from "./schema.js";

/** AWS::Logs::LogGroup. Config id: the log group name. */
export const LOGS_LOG_GROUP_TYPE = "AWS::Logs::LogGroup";

export interface LogsLogGroupProps extends CommonProps {
  LogGroupName?: Val<string>;
  RetentionInDays?: Val<number>;
  KmsKeyId?: Val<string>;
  LogGroupClass?: Val<string>;
}

export const LOGS_LOG_GROUP_SCHEMA = typeSchema({
  type: LOGS_LOG_GROUP_TYPE,
  description: "A CloudWatch Logs log group, CloudFormation property names.",
  properties: {
    LogGroupName: str(),
    RetentionInDays: int("Absent means never expire (retention_in_days 0 in Terraform)."),
    KmsKeyId: str(),
    LogGroupClass: str(),
  },
});

export const LOGS_LOG_GROUP: ResourceTypeInfo = {
  type: LOGS_LOG_GROUP_TYPE,
  schema: LOGS_LOG_GROUP_SCHEMA,
  description: "CloudWatch Logs log group: retention, KMS.",
  taggable: true,
};
