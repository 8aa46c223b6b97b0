import { GUARDDUTY_DETECTOR_TYPE } from "../../../model/types/guardduty-detector.js";
import { isUnknown } from "../../../model/values.js";
import type { PropsBuilder } from "./build.js";
import type { TfInstance } from "../instance.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { bool, compact, mapEach, str, tfType } from "./tf-reader.js";

/**
 * aws_guardduty_detector (+ aws_guardduty_detector_feature) → AWS::GuardDuty::Detector. The legacy
 * `datasources` block is mapped to the feature names the API reports today. Id: the detector id.
 */
export const TF_GUARDDUTY_DETECTOR = tfType("aws_guardduty_detector", [
  "id", "arn", "enable", "finding_publishing_frequency", "datasources.s3_logs.enable",
  "datasources.kubernetes.audit_logs.enable", "datasources.malware_protection.scan_ec2_instance_with_findings.ebs_volumes.enable",
]);
export const TF_GUARDDUTY_DETECTOR_FEATURE = tfType("aws_guardduty_detector_feature", [
  "detector_id", "name", "status", "additional_configuration", "additional_configuration.name", "additional_configuration.status",
]);

function upsertFeature(b: PropsBuilder, feature: { Name: unknown; [k: string]: unknown }, attr: string, from: TfInstance): void {
  const cur = b.props.Features;
  if (Array.isArray(cur)) {
    const i = cur.findIndex((f) => (f as { Name?: unknown }).Name === feature.Name);
    if (i >= 0) {
      cur[i] = feature;
      return;
    }
  }
  b.append("Features", [feature], attr, from);
}

const status = (v: unknown) => (isUnknown(v) ? v : v === true ? "ENABLED" : v === false ? "DISABLED" : undefined);

export const GUARDDUTY_DETECTOR_MAPPING = resourceMapping(TF_GUARDDUTY_DETECTOR, GUARDDUTY_DETECTOR_TYPE, (r, b, inst) => {
  const id = r.get("id");
  b.set("DetectorId", str(id), "id");
  const enable = bool(r.get("enable"));
  // Provider docs (aws_guardduty_detector): enable "Defaults to true".
  b.set("Enable", enable, "enable");
  b.default("Enable", true);
  b.set("Status", status(enable), "enable");
  b.default("Status", "ENABLED");
  b.set("FindingPublishingFrequency", str(r.get("finding_publishing_frequency")), "finding_publishing_frequency");
  const legacy: Array<[string, unknown]> = [
    ["S3_DATA_EVENTS", r.get("datasources.s3_logs.enable")],
    ["EKS_AUDIT_LOGS", r.get("datasources.kubernetes.audit_logs.enable")],
    ["EBS_MALWARE_PROTECTION", r.get("datasources.malware_protection.scan_ec2_instance_with_findings.ebs_volumes.enable")],
  ];
  for (const [name, v] of legacy) {
    const s = status(bool(v));
    if (s !== undefined) upsertFeature(b, { Name: name, Status: s }, "datasources", inst);
  }
  return { ident: { id, arn: r.get("arn") }, keys: [id, r.get("arn")] };
});

export const GUARDDUTY_CHILD_MAPPINGS = [
  childMapping(TF_GUARDDUTY_DETECTOR_FEATURE, GUARDDUTY_DETECTOR_TYPE, ["detector_id"], (r, b, inst) => {
    const feature = compact({
      Name: str(r.get("name")),
      Status: str(r.get("status")),
      AdditionalConfiguration: mapEach(r, "additional_configuration", (a) =>
        compact({ Name: str(a.get("additional_configuration.name")), Status: str(a.get("additional_configuration.status")) }) ?? {},
      ),
    });
    if (feature) upsertFeature(b, { ...feature, Name: feature.Name }, "name", inst);
  }),
];
