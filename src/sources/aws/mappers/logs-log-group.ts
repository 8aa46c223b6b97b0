/** AWS::Logs::LogGroup from DescribeLogGroups and ListTagsForResource. */
import type { LogGroup } from "@aws-sdk/client-cloudwatch-logs";
import { LOGS_LOG_GROUP_TYPE } from "../../../model/types/logs-log-group.js";
import type { TypeMapper } from "../contract.js";
import { liveResource, nonEmpty, type Read } from "./common.js";

/**
 * AWS::Logs::LogGroup shape: the describe-API shape (SDK v3; CloudWatch Logs spells its fields camelCase)
 * assembled by the collector: DescribeLogGroups' LogGroup plus ListTagsForResource's tags; a value the
 * collector could not read is an Unknown.
 */
export interface LogsLogGroupShape extends LogGroup {
  tags?: Read<Record<string, string> | undefined>;
}

export const LOGS_LOG_GROUP_MAPPER: TypeMapper<LogsLogGroupShape> = {
  type: LOGS_LOG_GROUP_TYPE,
  map(s, scope) {
    const name = s.logGroupName ?? "";
    // `arn` ends in ":*" (the log streams); Terraform and CloudFormation use the ARN without it.
    const arn = s.logGroupArn ?? s.arn?.replace(/:\*$/, "");
    return liveResource(scope, {
      type: LOGS_LOG_GROUP_TYPE,
      id: name,
      arn,
      name: name || undefined,
      region: scope.region,
      tags: s.tags ?? {},
      props: {
        LogGroupName: name || undefined,
        // Absent: never expire (as Terraform's retention_in_days 0).
        RetentionInDays: s.retentionInDays || undefined,
        KmsKeyId: nonEmpty(s.kmsKeyId),
        // DescribeLogGroups leaves the class out for groups created before classes existed: STANDARD.
        LogGroupClass: s.logGroupClass ?? "STANDARD",
        DefaultedProps: s.logGroupClass ? undefined : ["LogGroupClass"],
      },
    });
  },
};
