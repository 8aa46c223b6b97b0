import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, obj, str, typeSchema } from "./schema.js";

/** AWS::GuardDuty::Detector. Config id: the detector id. */
export const GUARDDUTY_DETECTOR_TYPE = "AWS::GuardDuty::Detector";

export interface GuardDutyDetectorProps extends CommonProps {
  DetectorId?: Val<string>;
  Enable?: Val<boolean>;
  Status?: Val<"ENABLED" | "DISABLED">;
  FindingPublishingFrequency?: Val<string>;
  Features?: Array<{ Name?: Val<string>; Status?: Val<string>; AdditionalConfiguration?: unknown[] }>;
}

export const GUARDDUTY_DETECTOR_SCHEMA = typeSchema({
  type: GUARDDUTY_DETECTOR_TYPE,
  description: "A GuardDuty detector, CloudFormation property names.",
  properties: {
    DetectorId: str("Normalized extra: the detector id."),
    Enable: bool(),
    Status: str("Normalized extra: ENABLED | DISABLED, as the API reports it (derived from Enable)."),
    FindingPublishingFrequency: str(),
    Features: arr(
      obj({ Name: str(), Status: str(), AdditionalConfiguration: arr(obj({ Name: str(), Status: str() })) }),
      "Detector features (aws_guardduty_detector_feature; legacy datasources mapped to feature names).",
    ),
  },
});

export const GUARDDUTY_DETECTOR: ResourceTypeInfo = {
  type: GUARDDUTY_DETECTOR_TYPE,
  schema: GUARDDUTY_DETECTOR_SCHEMA,
  description: "GuardDuty detector: enabled, features.",
  taggable: true,
};
