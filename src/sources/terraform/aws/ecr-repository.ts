import { ECR_REPOSITORY_TYPE } from "../../../model/types/ecr-repository.js";
import { isUnknown } from "../../../model/values.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { bool, compact, str, tfType } from "./tf-reader.js";

/** aws_ecr_repository (+ aws_ecr_lifecycle_policy) → AWS::ECR::Repository. Id: the repository name. */
export const TF_ECR_REPOSITORY = tfType("aws_ecr_repository", [
  "name", "id", "arn", "image_tag_mutability", "image_scanning_configuration", "image_scanning_configuration.scan_on_push",
  "encryption_configuration", "encryption_configuration.encryption_type", "encryption_configuration.kms_key",
]);
export const TF_ECR_LIFECYCLE_POLICY = tfType("aws_ecr_lifecycle_policy", ["repository", "registry_id", "policy"]);

export const ECR_REPOSITORY_MAPPING = resourceMapping(TF_ECR_REPOSITORY, ECR_REPOSITORY_TYPE, (r, b) => {
  const name = r.get("name") ?? r.get("id");
  b.set("RepositoryName", str(name), "name");
  b.set("ImageTagMutability", str(r.get("image_tag_mutability")), "image_tag_mutability");
  b.default("ImageTagMutability", "MUTABLE"); // provider docs: image_tag_mutability "Defaults to MUTABLE"
  const scan = r.block("image_scanning_configuration");
  b.set(
    "ImageScanningConfiguration",
    isUnknown(scan) ? scan : scan && { ScanOnPush: bool(scan.get("image_scanning_configuration.scan_on_push")) ?? false },
    "image_scanning_configuration",
  );
  // Without the block, ECR does not scan on push (CreateRepository: scanOnPush defaults to false).
  b.default("ImageScanningConfiguration", { ScanOnPush: false });
  const enc = r.block("encryption_configuration");
  b.set(
    "EncryptionConfiguration",
    isUnknown(enc)
      ? enc
      : enc &&
          compact({
            EncryptionType: str(enc.get("encryption_configuration.encryption_type")) ?? "AES256", // provider docs: "Defaults to AES256"
            KmsKey: str(enc.get("encryption_configuration.kms_key")),
          }),
    "encryption_configuration",
  );
  b.default("EncryptionConfiguration", { EncryptionType: "AES256" }); // ECR: AES256 (S3-managed keys) unless set
  return { ident: { id: name, name, arn: r.get("arn") }, keys: [name, r.get("id"), r.get("arn")] };
});

export const ECR_CHILD_MAPPINGS = [
  childMapping(TF_ECR_LIFECYCLE_POLICY, ECR_REPOSITORY_TYPE, ["repository"], (r, b, inst) => {
    const text = r.get("policy");
    b.set(
      "LifecyclePolicy",
      compact({ LifecyclePolicyText: isUnknown(text) ? text : str(text), RegistryId: str(r.get("registry_id")) }) ?? {},
      "policy",
      inst,
    );
  }),
];
