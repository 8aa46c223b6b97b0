import type { Repository } from "@aws-sdk/client-ecr";
import { ECR_REPOSITORY_TYPE } from "../../../model/types/ecr-repository.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, tagRecord, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3) assembled by the collector: one DescribeRepositories item (camelCase in
 * the API, PascalCase in SDK v3), its lifecycle policy text from GetLifecyclePolicy (undefined when there
 * is none) and ListTagsForResource's tags. A value the collector could not read is an Unknown.
 */
export interface EcrRepositoryShape {
  Repository: Repository;
  LifecyclePolicyText: Read<string | undefined>;
  Tags: Read<Array<{ Key?: string; Value?: string }> | undefined>;
}

/** AWS::ECR::Repository. Id: the repository name. */
export const ECR_REPOSITORY_MAPPER: TypeMapper<EcrRepositoryShape> = {
  type: ECR_REPOSITORY_TYPE,
  map({ Repository: r, LifecyclePolicyText, Tags }, scope) {
    const enc = r.encryptionConfiguration;
    return liveResource(scope, {
      type: ECR_REPOSITORY_TYPE,
      id: r.repositoryName ?? "",
      arn: r.repositoryArn,
      name: r.repositoryName,
      region: scope.region,
      tags: tagRecord(Tags),
      props: {
        RepositoryName: r.repositoryName,
        ImageTagMutability: r.imageTagMutability,
        ImageScanningConfiguration: r.imageScanningConfiguration && { ScanOnPush: r.imageScanningConfiguration.scanOnPush ?? false },
        // No encryptionConfiguration: AES256, ECR's default.
        EncryptionConfiguration: compact({ EncryptionType: enc?.encryptionType ?? "AES256", KmsKey: enc?.kmsKey }),
        LifecyclePolicy: mapRead(LifecyclePolicyText, (t) => (t === undefined ? undefined : { LifecyclePolicyText: t })),
      },
    });
  },
};
