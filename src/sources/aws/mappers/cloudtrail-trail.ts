/** AWS::CloudTrail::Trail from DescribeTrails, GetTrailStatus, GetEventSelectors and ListTags. */
import type { AdvancedEventSelector, EventSelector, Tag, Trail } from "@aws-sdk/client-cloudtrail";
import { CLOUDTRAIL_TRAIL_TYPE } from "../../../model/types/cloudtrail-trail.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, nonEmpty, tagRecord, type Read } from "./common.js";

/**
 * AWS::CloudTrail::Trail shape: the describe-API shape (SDK v3, PascalCase) assembled by the collector:
 * DescribeTrails' Trail, GetTrailStatus's IsLogging, GetEventSelectors' EventSelectors and
 * AdvancedEventSelectors, ListTags' TagsList; a value the collector could not read is an Unknown.
 */
export interface CloudTrailTrailShape extends Trail {
  IsLogging?: Read<boolean | undefined>;
  EventSelectors?: Read<EventSelector[] | undefined>;
  AdvancedEventSelectors?: Read<AdvancedEventSelector[] | undefined>;
  TagsList?: Read<Tag[] | undefined>;
}

export const CLOUDTRAIL_TRAIL_MAPPER: TypeMapper<CloudTrailTrailShape> = {
  type: CLOUDTRAIL_TRAIL_TYPE,
  map(s, scope) {
    const name = s.Name ?? "";
    return liveResource(scope, {
      type: CLOUDTRAIL_TRAIL_TYPE,
      id: name,
      arn: s.TrailARN,
      name: name || undefined,
      region: s.HomeRegion ?? scope.region,
      tags: tagRecord(s.TagsList),
      props: {
        TrailName: name || undefined,
        IsLogging: s.IsLogging,
        IsMultiRegionTrail: s.IsMultiRegionTrail,
        IsOrganizationTrail: s.IsOrganizationTrail,
        IncludeGlobalServiceEvents: s.IncludeGlobalServiceEvents,
        EnableLogFileValidation: s.LogFileValidationEnabled,
        KMSKeyId: nonEmpty(s.KmsKeyId),
        S3BucketName: nonEmpty(s.S3BucketName),
        S3KeyPrefix: nonEmpty(s.S3KeyPrefix),
        CloudWatchLogsLogGroupArn: nonEmpty(s.CloudWatchLogsLogGroupArn),
        CloudWatchLogsRoleArn: nonEmpty(s.CloudWatchLogsRoleArn),
        SnsTopicName: nonEmpty(s.SnsTopicName),
        EventSelectors: mapRead(s.EventSelectors, (list) =>
          (list ?? []).map(
            (e) =>
              compact({
                IncludeManagementEvents: e.IncludeManagementEvents,
                ReadWriteType: e.ReadWriteType,
                ExcludeManagementEventSources: e.ExcludeManagementEventSources,
                DataResources: e.DataResources?.map((d) => compact({ Type: d.Type, Values: d.Values }) ?? {}),
              }) ?? {},
          ),
        ),
        // A trail has basic or advanced selectors; none advanced is "not set", as in Terraform.
        AdvancedEventSelectors: mapRead(s.AdvancedEventSelectors, (list) =>
          !list?.length ? undefined : list.map((a) => compact({ Name: nonEmpty(a.Name), FieldSelectors: a.FieldSelectors?.map((f) => compact({ ...f }) ?? {}) }) ?? {}),
        ),
      },
    });
  },
};
