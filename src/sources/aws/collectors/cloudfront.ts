import {
  CloudFrontClient,
  GetDistributionConfigCommand,
  ListTagsForResourceCommand,
  paginateListDistributions,
  type DistributionSummary,
} from "@aws-sdk/client-cloudfront";
import type { Resource } from "../../../model/resource.js";
import { CLOUDFRONT_DISTRIBUTION_TYPE } from "../../../model/types/cloudfront-distribution.js";
import type { CollectContext, Collector } from "../contract.js";
import { CLOUDFRONT_DISTRIBUTION_MAPPER } from "../mappers/cloudfront-distribution.js";
import { isNotFound, listAll, readOr } from "./read-helpers.js";

/**
 * CloudFront distributions: a global service, collected once per account (us-east-1). ListDistributions
 * carries most of the configuration but not Logging, which a rule reads, so GetDistributionConfig is
 * called per distribution (it is also the only complete source against moto, whose summaries are stubs);
 * tags come from ListTagsForResource.
 */
export const CLOUDFRONT_COLLECTOR: Collector = {
  service: "cloudfront",
  types: [CLOUDFRONT_DISTRIBUTION_TYPE],
  global: true,
  actions: ["cloudfront:ListDistributions", "cloudfront:GetDistributionConfig", "cloudfront:ListTagsForResource"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const cf = ctx.client(CloudFrontClient, "us-east-1");
    return listAll(ctx, CLOUDFRONT_DISTRIBUTION_TYPE, "cloudfront:ListDistributions", async () => {
      const summaries: DistributionSummary[] = [];
      for await (const page of paginateListDistributions({ client: cf }, { MaxItems: 100 })) summaries.push(...(page.DistributionList?.Items ?? []));
      const out = await ctx.map(summaries, async (Summary): Promise<Resource | undefined> => {
        let gone = false;
        const [Config, Tags] = await Promise.all([
          readOr(ctx, "cloudfront:GetDistributionConfig", async () => {
            try {
              return (await cf.send(new GetDistributionConfigCommand({ Id: Summary.Id }))).DistributionConfig;
            } catch (err) {
              gone = isNotFound(err);
              throw err;
            }
          }),
          Summary.ARN
            ? readOr(ctx, "cloudfront:ListTagsForResource", async () => (await cf.send(new ListTagsForResourceCommand({ Resource: Summary.ARN }))).Tags?.Items ?? [])
            : undefined,
        ]);
        return gone ? undefined : CLOUDFRONT_DISTRIBUTION_MAPPER.map({ Summary, Config, Tags }, ctx.scope);
      });
      return out.filter((r): r is Resource => r !== undefined);
    });
  },
};
