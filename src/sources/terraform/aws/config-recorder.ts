import { CONFIG_CONFIGURATION_RECORDER_TYPE } from "../../../model/types/config-configuration-recorder.js";
import { CONFIG_DELIVERY_CHANNEL_TYPE } from "../../../model/types/config-delivery-channel.js";
import { isUnknown } from "../../../model/values.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { bool, compact, str, strList, tfType } from "./tf-reader.js";

/**
 * aws_config_configuration_recorder (+ _status → Recording) → AWS::Config::ConfigurationRecorder, and
 * aws_config_delivery_channel → AWS::Config::DeliveryChannel. Id: the name.
 */
export const TF_CONFIG_RECORDER = tfType("aws_config_configuration_recorder", [
  "name", "id", "role_arn", "recording_group", "recording_group.all_supported", "recording_group.include_global_resource_types",
  "recording_group.resource_types", "recording_group.exclusion_by_resource_types.resource_types",
  "recording_group.recording_strategy.use_only", "recording_mode.recording_frequency",
]);
export const TF_CONFIG_RECORDER_STATUS = tfType("aws_config_configuration_recorder_status", ["name", "is_enabled"]);
export const TF_CONFIG_DELIVERY_CHANNEL = tfType("aws_config_delivery_channel", [
  "name", "id", "s3_bucket_name", "s3_key_prefix", "s3_kms_key_arn", "sns_topic_arn", "snapshot_delivery_properties.delivery_frequency",
]);

export const CONFIG_RECORDER_MAPPING = resourceMapping(TF_CONFIG_RECORDER, CONFIG_CONFIGURATION_RECORDER_TYPE, (r, b) => {
  const name = r.get("name") ?? r.get("id") ?? "default"; // provider docs: name "Defaults to default"
  b.set("Name", str(name), "name");
  b.set("RoleARN", str(r.get("role_arn")), "role_arn");
  const group = r.block("recording_group");
  b.set(
    "RecordingGroup",
    isUnknown(group)
      ? group
      : compact({
          // Provider docs: all_supported "Defaults to true"; include_global_resource_types "Defaults to false"
          // (AWS's own default too). Without a recording_group block both defaults apply.
          AllSupported: bool(r.get("recording_group.all_supported")) ?? true,
          IncludeGlobalResourceTypes: bool(r.get("recording_group.include_global_resource_types")) ?? false,
          ResourceTypes: strList(r.get("recording_group.resource_types")),
          ExclusionByResourceTypes: compact({ ResourceTypes: strList(r.get("recording_group.exclusion_by_resource_types.resource_types")) }),
          RecordingStrategy: compact({ UseOnly: str(r.get("recording_group.recording_strategy.use_only")) }),
        }),
    "recording_group",
  );
  b.set("RecordingMode", compact({ RecordingFrequency: str(r.get("recording_mode.recording_frequency")) }), "recording_mode");
  // A recorder is created stopped (PutConfigurationRecorder; StartConfigurationRecorder starts it), so
  // without an aws_config_configuration_recorder_status here it is taken as not recording.
  b.default("Recording", false);
  return { ident: { id: name, name }, keys: [name, r.get("id")] };
});

export const CONFIG_DELIVERY_CHANNEL_MAPPING = resourceMapping(TF_CONFIG_DELIVERY_CHANNEL, CONFIG_DELIVERY_CHANNEL_TYPE, (r, b) => {
  const name = r.get("name") ?? r.get("id") ?? "default"; // provider docs: name "Defaults to default"
  b.set("Name", str(name), "name");
  b.set("S3BucketName", str(r.get("s3_bucket_name")), "s3_bucket_name");
  b.set("S3KeyPrefix", str(r.get("s3_key_prefix")), "s3_key_prefix");
  b.set("S3KmsKeyArn", str(r.get("s3_kms_key_arn")), "s3_kms_key_arn");
  b.set("SnsTopicARN", str(r.get("sns_topic_arn")), "sns_topic_arn");
  b.set(
    "ConfigSnapshotDeliveryProperties",
    compact({ DeliveryFrequency: str(r.get("snapshot_delivery_properties.delivery_frequency")) }),
    "snapshot_delivery_properties",
  );
  return { ident: { id: name, name }, keys: [name, r.get("id")] };
});

export const CONFIG_CHILD_MAPPINGS = [
  childMapping(TF_CONFIG_RECORDER_STATUS, CONFIG_CONFIGURATION_RECORDER_TYPE, ["name"], (r, b, inst) => {
    b.set("Recording", bool(r.get("is_enabled")), "is_enabled", inst);
  }),
];
