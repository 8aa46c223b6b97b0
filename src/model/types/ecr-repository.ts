import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, enumOf, obj, str, typeSchema } from "./schema.js";

/** AWS::ECR::Repository. Config id: the repository name. */
export const ECR_REPOSITORY_TYPE = "AWS::ECR::Repository";

export interface EcrRepositoryProps extends CommonProps {
  RepositoryName?: Val<string>;
  ImageTagMutability?: Val<string>;
  ImageScanningConfiguration?: Val<{ ScanOnPush?: Val<boolean> }>;
  EncryptionConfiguration?: Val<{ EncryptionType?: Val<string>; KmsKey?: Val<string> }>;
  LifecyclePolicy?: Val<{ LifecyclePolicyText?: Val<string> }>;
}

export const ECR_REPOSITORY_SCHEMA = typeSchema({
  type: ECR_REPOSITORY_TYPE,
  description: "A private ECR repository with its lifecycle policy merged in, CloudFormation property names.",
  properties: {
    RepositoryName: str(),
    ImageTagMutability: enumOf(["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"]),
    ImageScanningConfiguration: obj({ ScanOnPush: bool() }),
    EncryptionConfiguration: obj({ EncryptionType: str("AES256 | KMS | KMS_DSSE"), KmsKey: str() }),
    LifecyclePolicy: obj({ LifecyclePolicyText: str(), RegistryId: str() }, "From aws_ecr_lifecycle_policy."),
  },
});

export const ECR_REPOSITORY: ResourceTypeInfo = {
  type: ECR_REPOSITORY_TYPE,
  schema: ECR_REPOSITORY_SCHEMA,
  description: "ECR repository: scan on push, tag immutability, encryption, lifecycle policy.",
  taggable: true,
};
