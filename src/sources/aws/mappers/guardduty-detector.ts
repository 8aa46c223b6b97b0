/** AWS::GuardDuty::Detector from ListDetectors + GetDetector. */
import type { GetDetectorResponse } from "@aws-sdk/client-guardduty";
import { GUARDDUTY_DETECTOR_TYPE } from "../../../model/types/guardduty-detector.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, type Read } from "./common.js";

/**
 * AWS::GuardDuty::Detector shape: the describe-API shape (SDK v3, PascalCase) assembled by the collector:
 * GetDetector's response plus the DetectorId from ListDetectors. GetDetector is the one call per detector;
 * when it fails the collector records the detector with its id only and Status an Unknown.
 */
export interface GuardDutyDetectorShape extends Partial<Omit<GetDetectorResponse, "Status" | "$metadata">> {
  DetectorId: string;
  Status?: Read<GetDetectorResponse["Status"]>;
}

/**
 * The detector's features; a detector that reports only the legacy DataSources gets them under the
 * feature names the API uses today (the same table as the Terraform mapper's `datasources`).
 */
function features(s: GuardDutyDetectorShape) {
  if (s.Features?.length) {
    return s.Features.map(
      (f) =>
        compact({
          Name: f.Name,
          Status: f.Status,
          AdditionalConfiguration: f.AdditionalConfiguration?.map((a) => compact({ Name: a.Name, Status: a.Status }) ?? {}),
        }) ?? {},
    );
  }
  const d = s.DataSources;
  const legacy: Array<[string, string | undefined]> = [
    ["S3_DATA_EVENTS", d?.S3Logs?.Status],
    ["EKS_AUDIT_LOGS", d?.Kubernetes?.AuditLogs?.Status],
    ["EBS_MALWARE_PROTECTION", d?.MalwareProtection?.ScanEc2InstanceWithFindings?.EbsVolumes?.Status],
  ];
  const out = legacy.flatMap(([Name, Status]) => (Status ? [{ Name, Status }] : []));
  return out.length ? out : undefined;
}

export const GUARDDUTY_DETECTOR_MAPPER: TypeMapper<GuardDutyDetectorShape> = {
  type: GUARDDUTY_DETECTOR_TYPE,
  map(s, scope) {
    const status = s.Status;
    const enable = typeof status === "string" ? status === "ENABLED" : status;
    return liveResource(scope, {
      type: GUARDDUTY_DETECTOR_TYPE,
      id: s.DetectorId,
      arn: `arn:${scope.partition}:guardduty:${scope.region}:${scope.account}:detector/${s.DetectorId}`,
      region: scope.region,
      tags: s.Tags ?? {},
      props: {
        DetectorId: s.DetectorId,
        Enable: enable,
        Status: status,
        FindingPublishingFrequency: s.FindingPublishingFrequency,
        Features: features(s),
      },
    });
  },
};
