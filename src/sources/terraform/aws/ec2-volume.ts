import { EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE } from "../../../model/types/ec2-ebs-encryption-by-default.js";
import { EC2_VOLUME_TYPE } from "../../../model/types/ec2-volume.js";
import { Unknown } from "../../../model/values.js";
import { resourceMapping } from "./mapping.js";
import { bool, num, str, tfType } from "./tf-reader.js";

/** aws_ebs_volume → AWS::EC2::Volume (id: vol-), aws_ebs_encryption_by_default → AWS::EC2::EBSEncryptionByDefault. */
export const TF_EBS_VOLUME = tfType("aws_ebs_volume", [
  "id", "arn", "availability_zone", "encrypted", "kms_key_id", "size", "type", "snapshot_id", "multi_attach_enabled",
]);
export const TF_EBS_ENCRYPTION_BY_DEFAULT = tfType("aws_ebs_encryption_by_default", ["id", "enabled"]);

export const EBS_VOLUME_MAPPING = resourceMapping(TF_EBS_VOLUME, EC2_VOLUME_TYPE, (r, b) => {
  const id = r.get("id");
  b.set("VolumeId", str(id), "id");
  b.set("AvailabilityZone", str(r.get("availability_zone")), "availability_zone");
  b.set("Encrypted", bool(r.get("encrypted")), "encrypted");
  // `encrypted` is optional and computed: unset, the volume is still encrypted when EBS encryption by
  // default is on in its region, or when its snapshot is encrypted (EC2 CreateVolume). Only AWS knows.
  b.default(
    "Encrypted",
    new Unknown("encrypted is not set: the volume is encrypted only if EBS encryption by default is on in its region (or its snapshot is encrypted)", "encrypted"),
  );
  b.set("KmsKeyId", str(r.get("kms_key_id")), "kms_key_id");
  b.set("Size", num(r.get("size")), "size");
  b.set("VolumeType", str(r.get("type")), "type");
  b.set("SnapshotId", str(r.get("snapshot_id")), "snapshot_id");
  b.set("MultiAttachEnabled", bool(r.get("multi_attach_enabled")), "multi_attach_enabled");
  return { ident: { id, arn: r.get("arn") }, keys: [id, r.get("arn")] };
});

export const EBS_ENCRYPTION_BY_DEFAULT_MAPPING = resourceMapping(TF_EBS_ENCRYPTION_BY_DEFAULT, EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE, (r, b, inst) => {
  b.set("EbsEncryptionByDefault", bool(r.get("enabled")), "enabled");
  b.default("EbsEncryptionByDefault", true); // provider docs (aws_ebs_encryption_by_default): enabled "Defaults to true"
  const id = inst.account && inst.region ? `${inst.account}:${inst.region}` : undefined;
  return { ident: { id }, keys: [id] };
});
