/**
 * AWS::Config::ConfigurationRecorder (DescribeConfigurationRecorders + DescribeConfigurationRecorderStatus)
 * and AWS::Config::DeliveryChannel (DescribeDeliveryChannels). The Config API spells fields camelCase.
 */
import type { ConfigurationRecorder, ConfigurationRecorderStatus, DeliveryChannel } from "@aws-sdk/client-config-service";
import { CONFIG_CONFIGURATION_RECORDER_TYPE } from "../../../model/types/config-configuration-recorder.js";
import { CONFIG_DELIVERY_CHANNEL_TYPE } from "../../../model/types/config-delivery-channel.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, nonEmpty, type Read } from "./common.js";

/**
 * AWS::Config::ConfigurationRecorder shape: the describe-API shape (SDK v3; Config spells it camelCase)
 * assembled by the collector: the ConfigurationRecorder plus its ConfigurationRecorderStatus; a value the
 * collector could not read is an Unknown.
 */
export interface ConfigRecorderShape extends ConfigurationRecorder {
  status?: Read<ConfigurationRecorderStatus | undefined>;
}

/** AWS::Config::DeliveryChannel shape: DescribeDeliveryChannels' DeliveryChannel (SDK v3, camelCase). */
export type ConfigDeliveryChannelShape = DeliveryChannel;

export const CONFIG_RECORDER_MAPPER: TypeMapper<ConfigRecorderShape> = {
  type: CONFIG_CONFIGURATION_RECORDER_TYPE,
  map(s, scope) {
    const name = s.name ?? "default";
    const g = s.recordingGroup;
    return liveResource(scope, {
      type: CONFIG_CONFIGURATION_RECORDER_TYPE,
      id: name,
      name,
      region: scope.region,
      props: {
        Name: name,
        RoleARN: nonEmpty(s.roleARN),
        // PutConfigurationRecorder: allSupported defaults to true, includeGlobalResourceTypes to false
        // (the Terraform mapper applies the same defaults).
        RecordingGroup: compact({
          AllSupported: g?.allSupported ?? true,
          IncludeGlobalResourceTypes: g?.includeGlobalResourceTypes ?? false,
          ResourceTypes: g?.resourceTypes?.length ? g.resourceTypes : undefined,
          ExclusionByResourceTypes: compact({ ResourceTypes: g?.exclusionByResourceTypes?.resourceTypes?.length ? g.exclusionByResourceTypes.resourceTypes : undefined }),
          RecordingStrategy: compact({ UseOnly: g?.recordingStrategy?.useOnly }),
        }),
        RecordingMode: compact({ RecordingFrequency: s.recordingMode?.recordingFrequency }),
        // No status for this recorder: it was never started.
        Recording: mapRead(s.status, (st) => st?.recording ?? false),
      },
    });
  },
};

export const CONFIG_DELIVERY_CHANNEL_MAPPER: TypeMapper<ConfigDeliveryChannelShape> = {
  type: CONFIG_DELIVERY_CHANNEL_TYPE,
  map(s, scope) {
    const name = s.name ?? "default";
    return liveResource(scope, {
      type: CONFIG_DELIVERY_CHANNEL_TYPE,
      id: name,
      name,
      region: scope.region,
      props: {
        Name: name,
        S3BucketName: nonEmpty(s.s3BucketName),
        S3KeyPrefix: nonEmpty(s.s3KeyPrefix),
        S3KmsKeyArn: nonEmpty(s.s3KmsKeyArn),
        SnsTopicARN: nonEmpty(s.snsTopicARN),
        ConfigSnapshotDeliveryProperties: compact({ DeliveryFrequency: s.configSnapshotDeliveryProperties?.deliveryFrequency }),
      },
    });
  },
};
