import { CLOUDTRAIL_TRAIL_TYPE } from "../../../model/types/cloudtrail-trail.js";
import { resourceMapping } from "./mapping.js";
import { convertBlocks } from "./nested-blocks.js";
import { bool, compact, mapEach, str, strList, tfType } from "./tf-reader.js";

/** aws_cloudtrail → AWS::CloudTrail::Trail. Id: the trail name. */
export const TF_CLOUDTRAIL = tfType("aws_cloudtrail", [
  "name", "arn", "enable_logging", "is_multi_region_trail", "is_organization_trail", "include_global_service_events",
  "enable_log_file_validation", "kms_key_id", "s3_bucket_name", "s3_key_prefix", "cloud_watch_logs_group_arn",
  "cloud_watch_logs_role_arn", "sns_topic_name", "event_selector", "event_selector.include_management_events",
  "event_selector.read_write_type", "event_selector.exclude_management_event_sources", "event_selector.data_resource",
  "event_selector.data_resource.type", "event_selector.data_resource.values", "advanced_event_selector",
]);

export const CLOUDTRAIL_MAPPING = resourceMapping(TF_CLOUDTRAIL, CLOUDTRAIL_TRAIL_TYPE, (r, b) => {
  const name = r.get("name");
  b.set("TrailName", str(name), "name");
  // Provider docs (aws_cloudtrail): enable_logging "Defaults to true"; include_global_service_events
  // "Defaults to true"; is_multi_region_trail, is_organization_trail, enable_log_file_validation
  // "Defaults to false".
  b.set("IsLogging", bool(r.get("enable_logging")), "enable_logging");
  b.default("IsLogging", true);
  b.set("IsMultiRegionTrail", bool(r.get("is_multi_region_trail")), "is_multi_region_trail");
  b.default("IsMultiRegionTrail", false);
  b.set("IsOrganizationTrail", bool(r.get("is_organization_trail")), "is_organization_trail");
  b.default("IsOrganizationTrail", false);
  b.set("IncludeGlobalServiceEvents", bool(r.get("include_global_service_events")), "include_global_service_events");
  b.default("IncludeGlobalServiceEvents", true);
  b.set("EnableLogFileValidation", bool(r.get("enable_log_file_validation")), "enable_log_file_validation");
  b.default("EnableLogFileValidation", false);
  b.set("KMSKeyId", str(r.get("kms_key_id")), "kms_key_id");
  b.set("S3BucketName", str(r.get("s3_bucket_name")), "s3_bucket_name");
  b.set("S3KeyPrefix", str(r.get("s3_key_prefix")), "s3_key_prefix");
  b.set("CloudWatchLogsLogGroupArn", str(r.get("cloud_watch_logs_group_arn")), "cloud_watch_logs_group_arn");
  b.set("CloudWatchLogsRoleArn", str(r.get("cloud_watch_logs_role_arn")), "cloud_watch_logs_role_arn");
  b.set("SnsTopicName", str(r.get("sns_topic_name")), "sns_topic_name");
  b.set(
    "EventSelectors",
    mapEach(r, "event_selector", (e) =>
      compact({
        IncludeManagementEvents: bool(e.get("event_selector.include_management_events")),
        ReadWriteType: str(e.get("event_selector.read_write_type")),
        ExcludeManagementEventSources: strList(e.get("event_selector.exclude_management_event_sources")),
        DataResources: mapEach(e, "event_selector.data_resource", (d) =>
          compact({ Type: str(d.get("event_selector.data_resource.type")), Values: strList(d.get("event_selector.data_resource.values")) }) ?? {},
        ),
      }) ?? {},
    ),
    "event_selector",
  );
  b.set(
    "AdvancedEventSelectors",
    convertBlocks(r.get("advanced_event_selector"), { renames: {}, repeated: { field_selector: "FieldSelectors" } }),
    "advanced_event_selector",
  );
  return { ident: { id: name, name, arn: r.get("arn") }, keys: [name, r.get("arn")] };
});
