/**
 * SSM Parameter Store: DescribeParameters (metadata: type, KMS key; never a value) and the region's
 * parameter tags in bulk (tag:GetResources; ListTagsForResource per parameter only if that fails).
 * GetParameter is never called, with or without decryption.
 */
import { ListTagsForResourceCommand, SSMClient, paginateDescribeParameters } from "@aws-sdk/client-ssm";
import type { Resource } from "../../../model/resource.js";
import { SSM_PARAMETER_TYPE } from "../../../model/types/ssm-parameter.js";
import type { CollectContext, Collector } from "../contract.js";
import { SSM_PARAMETER_MAPPER } from "../mappers/ssm-parameter.js";
import { parameterArn } from "../mappers/ssm-parameter.js";
import { BULK_TAGS_ACTION, bulkTags } from "./tags.js";
import { all, isFailure, list, read } from "./util.js";

export const SSM_COLLECTOR: Collector = {
  service: "ssm",
  types: [SSM_PARAMETER_TYPE],
  actions: ["ssm:DescribeParameters", "ssm:ListTagsForResource", BULK_TAGS_ACTION],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const ssm = ctx.client(SSMClient);
    const params = await list(ctx, "ssm:DescribeParameters", [SSM_PARAMETER_TYPE], () =>
      all(paginateDescribeParameters({ client: ssm }, {}), (p) => p.Parameters),
    );
    if (isFailure(params)) return [];
    const bulk = params.length > 0 ? await bulkTags(ctx, "ssm:parameter") : undefined;
    return ctx.map(params, async (p) => {
      const tags = bulk
        ? bulk.list(p.ARN ?? (p.Name ? parameterArn(p.Name, ctx.scope) : undefined))
        : await read(ctx, "ssm:ListTagsForResource", () =>
            ssm.send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: p.Name })).then((o) => o.TagList ?? []),
          );
      return SSM_PARAMETER_MAPPER.map({ ...p, TagList: tags }, ctx.scope);
    });
  },
};
