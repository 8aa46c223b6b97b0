import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, obj, str, strArr, typeSchema } from "./schema.js";

/** AWS::Config::ConfigurationRecorder. Config id: the recorder name (usually "default"). */
export const CONFIG_CONFIGURATION_RECORDER_TYPE = "AWS::Config::ConfigurationRecorder";

export interface ConfigConfigurationRecorderProps extends CommonProps {
  Name?: Val<string>;
  RoleARN?: Val<string>;
  RecordingGroup?: Val<{
    AllSupported?: Val<boolean>;
    IncludeGlobalResourceTypes?: Val<boolean>;
    ResourceTypes?: Val<string[]>;
    ExclusionByResourceTypes?: { ResourceTypes?: Val<string[]> };
    RecordingStrategy?: { UseOnly?: Val<string> };
  }>;
  RecordingMode?: Val<{ RecordingFrequency?: Val<string> }>;
  Recording?: Val<boolean>;
}

export const CONFIG_CONFIGURATION_RECORDER_SCHEMA = typeSchema({
  type: CONFIG_CONFIGURATION_RECORDER_TYPE,
  description: "An AWS Config configuration recorder, CloudFormation property names.",
  properties: {
    Name: str(),
    RoleARN: str(),
    RecordingGroup: obj({
      AllSupported: bool(),
      IncludeGlobalResourceTypes: bool(),
      ResourceTypes: strArr(),
      ExclusionByResourceTypes: obj({ ResourceTypes: strArr() }),
      RecordingStrategy: obj({ UseOnly: str() }),
    }),
    RecordingMode: obj({ RecordingFrequency: str() }),
    Recording: bool("Normalized extra: the recorder is started (aws_config_configuration_recorder_status is_enabled)."),
  },
});

export const CONFIG_CONFIGURATION_RECORDER: ResourceTypeInfo = {
  type: CONFIG_CONFIGURATION_RECORDER_TYPE,
  schema: CONFIG_CONFIGURATION_RECORDER_SCHEMA,
  description: "AWS Config recorder: what it records and whether it is recording.",
  taggable: false,
};
