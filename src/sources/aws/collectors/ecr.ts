import { ECRClient, GetLifecyclePolicyCommand, ListTagsForResourceCommand, paginateDescribeRepositories, type Repository } from "@aws-sdk/client-ecr";
import type { Resource } from "../../../model/resource.js";
import { ECR_REPOSITORY_TYPE } from "../../../model/types/ecr-repository.js";
import type { CollectContext, Collector } from "../contract.js";
import { ECR_REPOSITORY_MAPPER } from "../mappers/ecr-repository.js";
import { listAll, readOr } from "./read-helpers.js";

/**
 * ECR repositories, per region: DescribeRepositories (tag mutability, scan on push, encryption), then
 * per repository GetLifecyclePolicy (LifecyclePolicyNotFoundException: none) and ListTagsForResource.
 */
export const ECR_COLLECTOR: Collector = {
  service: "ecr",
  types: [ECR_REPOSITORY_TYPE],
  actions: ["ecr:DescribeRepositories", "ecr:GetLifecyclePolicy", "ecr:ListTagsForResource"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const ecr = ctx.client(ECRClient);
    return listAll(ctx, ECR_REPOSITORY_TYPE, "ecr:DescribeRepositories", async () => {
      const repos: Repository[] = [];
      for await (const page of paginateDescribeRepositories({ client: ecr }, { maxResults: 1000 })) repos.push(...(page.repositories ?? []));
      return ctx.map(repos, async (Repository) => {
        const [LifecyclePolicyText, Tags] = await Promise.all([
          readOr(ctx, "ecr:GetLifecyclePolicy", async () => {
            try {
              return (await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: Repository.repositoryName, registryId: Repository.registryId }))).lifecyclePolicyText;
            } catch (err) {
              if ((err as { name?: string }).name === "LifecyclePolicyNotFoundException") return undefined;
              throw err;
            }
          }),
          Repository.repositoryArn
            ? readOr(ctx, "ecr:ListTagsForResource", async () => (await ecr.send(new ListTagsForResourceCommand({ resourceArn: Repository.repositoryArn }))).tags ?? [])
            : undefined,
        ]);
        return ECR_REPOSITORY_MAPPER.map({ Repository, LifecyclePolicyText, Tags }, ctx.scope);
      });
    });
  },
};
