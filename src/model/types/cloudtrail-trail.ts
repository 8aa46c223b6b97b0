import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, obj, openObj, str, typeSchema } from "./schema.js";

/** AWS::CloudTrail::Trail. Config id: the trail name. */
export const CLOUDTRAIL_TRAIL_TYPE = "AWS::CloudTrail::Trail";

export interface CloudTrailTrailProps extends CommonProps {
  TrailName?: Val<string>;
  IsLogging?: Val<boolean>;
  IsMultiRegionTrail?: Val<boolean>;
  IsOrganizationTrail?: Val<boolean>;
  IncludeGlobalServiceEvents?: Val<boolean>;
  EnableLogFileValidation?: Val<boolean>;
  KMSKeyId?: Val<string>;
  S3BucketName?: Val<string>;
  S3KeyPrefix?: Val<string>;
  CloudWatchLogsLogGroupArn?: Val<string>;
  CloudWatchLogsRoleArn?: Val<string>;
  SnsTopicName?: Val<string>;
  EventSelectors?: unknown[];
  AdvancedEventSelectors?: unknown[];
}

export const CLOUDTRAIL_TRAIL_SCHEMA = typeSchema({
  type: CLOUDTRAIL_TRAIL_TYPE,
  description: "A CloudTrail trail, CloudFormation property names.",
  properties: {
    TrailName: str(),
    IsLogging: bool(),
    IsMultiRegionTrail: bool(),
    IsOrganizationTrail: bool(),
    IncludeGlobalServiceEvents: bool(),
    EnableLogFileValidation: bool(),
    KMSKeyId: str(),
    S3BucketName: str(),
    S3KeyPrefix: str(),
    CloudWatchLogsLogGroupArn: str(),
    CloudWatchLogsRoleArn: str(),
    SnsTopicName: str(),
    EventSelectors: arr(
      obj({
        IncludeManagementEvents: bool(),
        ReadWriteType: str(),
        ExcludeManagementEventSources: arr(str()),
        DataResources: arr(obj({ Type: str(), Values: arr(str()) })),
      }),
    ),
    AdvancedEventSelectors: arr(openObj("{Name, FieldSelectors: [{Field, Equals, ...}]}")),
  },
});

export const CLOUDTRAIL_TRAIL: ResourceTypeInfo = {
  type: CLOUDTRAIL_TRAIL_TYPE,
  schema: CLOUDTRAIL_TRAIL_SCHEMA,
  description: "CloudTrail trail: logging, multi-region, log file validation, KMS, CloudWatch Logs.",
  taggable: true,
};
