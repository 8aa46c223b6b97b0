/**
 * CloudWatch Logs: DescribeLogGroups (retention, KMS key, class) and the region's log group tags in bulk
 * (tag:GetResources; ListTagsForResource per group only if that fails).
 */
import { CloudWatchLogsClient, ListTagsForResourceCommand, paginateDescribeLogGroups } from "@aws-sdk/client-cloudwatch-logs";
import type { Resource } from "../../../model/resource.js";
import { LOGS_LOG_GROUP_TYPE } from "../../../model/types/logs-log-group.js";
import type { CollectContext, Collector } from "../contract.js";
import { LOGS_LOG_GROUP_MAPPER } from "../mappers/logs-log-group.js";
import { BULK_TAGS_ACTION, bulkTags } from "./tags.js";
import { all, isFailure, list, read } from "./util.js";

export const LOGS_COLLECTOR: Collector = {
  service: "logs",
  types: [LOGS_LOG_GROUP_TYPE],
  actions: ["logs:DescribeLogGroups", "logs:ListTagsForResource", BULK_TAGS_ACTION],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const logs = ctx.client(CloudWatchLogsClient);
    const groups = await list(ctx, "logs:DescribeLogGroups", [LOGS_LOG_GROUP_TYPE], () =>
      all(paginateDescribeLogGroups({ client: logs }, {}), (p) => p.logGroups),
    );
    if (isFailure(groups)) return [];
    const bulk = groups.length > 0 ? await bulkTags(ctx, "logs") : undefined;
    return ctx.map(groups, async (g) => {
      const resourceArn = g.logGroupArn ?? g.arn?.replace(/:\*$/, "");
      const tags = bulk
        ? bulk.record(resourceArn)
        : await read(ctx, "logs:ListTagsForResource", () => logs.send(new ListTagsForResourceCommand({ resourceArn })).then((o) => o.tags ?? {}));
      return LOGS_LOG_GROUP_MAPPER.map({ ...g, tags }, ctx.scope);
    });
  },
};
