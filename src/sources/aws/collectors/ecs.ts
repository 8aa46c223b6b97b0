import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  paginateListClusters,
  paginateListServices,
  paginateListTaskDefinitions,
  type Service,
} from "@aws-sdk/client-ecs";
import { parseArn } from "../../../model/arn.js";
import type { Resource } from "../../../model/resource.js";
import { ECS_SERVICE_TYPE } from "../../../model/types/ecs-service.js";
import { ECS_TASK_DEFINITION_TYPE } from "../../../model/types/ecs-task-definition.js";
import type { CollectContext, Collector } from "../contract.js";
import { ECS_SERVICE_MAPPER } from "../mappers/ecs-service.js";
import { ECS_TASK_DEFINITION_MAPPER } from "../mappers/ecs-task-definition.js";
import { isNotFound, listAll, unreadableResource } from "./read-helpers.js";

/** DescribeServices takes at most 10 services per call. */
const DESCRIBE_BATCH = 10;

/**
 * ECS services and task definitions, per region.
 *  services: ListClusters, ListServices per cluster, DescribeServices in batches of 10 with include=TAGS.
 *  task definitions: ListTaskDefinitions (status ACTIVE: inactive revisions cannot start tasks), then
 *  DescribeTaskDefinition with include=TAGS per revision. Environment values are redacted by the mapper.
 */
export const ECS_COLLECTOR: Collector = {
  service: "ecs",
  types: [ECS_SERVICE_TYPE, ECS_TASK_DEFINITION_TYPE],
  actions: ["ecs:ListClusters", "ecs:ListServices", "ecs:DescribeServices", "ecs:ListTaskDefinitions", "ecs:DescribeTaskDefinition"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const ecs = ctx.client(ECSClient);
    const [services, taskDefs] = await Promise.all([collectServices(ctx, ecs), collectTaskDefinitions(ctx, ecs)]);
    return [...services, ...taskDefs];
  },
};

function collectServices(ctx: CollectContext, ecs: ECSClient): Promise<Resource[]> {
  return listAll(ctx, ECS_SERVICE_TYPE, "ecs:ListClusters", async () => {
    const clusters: string[] = [];
    for await (const page of paginateListClusters({ client: ecs }, { maxResults: 100 })) clusters.push(...(page.clusterArns ?? []));
    // A cluster whose services cannot be listed is a gap for the type (its services are unknown, not absent).
    const perCluster = await ctx.map(clusters, (cluster) =>
      listAll(ctx, ECS_SERVICE_TYPE, "ecs:ListServices", async () => {
        const arns: string[] = [];
        for await (const page of paginateListServices({ client: ecs }, { cluster, maxResults: 100 })) arns.push(...(page.serviceArns ?? []));
        const batches: string[][] = [];
        for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) batches.push(arns.slice(i, i + DESCRIBE_BATCH));
        const described = await ctx.map(batches, async (batch): Promise<Resource[]> => {
          try {
            const res = await ecs.send(new DescribeServicesCommand({ cluster, services: batch, include: ["TAGS"] }));
            // failures[] lists services gone since ListServices (reason MISSING): skipped.
            return (res.services ?? []).map((s: Service) => ECS_SERVICE_MAPPER.map(s, ctx.scope));
          } catch (err) {
            const failure = ctx.failure(err, "ecs:DescribeServices");
            return batch.map((arn) => unreadableResource(ctx.scope, { type: ECS_SERVICE_TYPE, id: arn, arn, name: arn.split("/").pop() }, failure));
          }
        });
        return described.flat();
      }),
    );
    return perCluster.flat();
  });
}

function collectTaskDefinitions(ctx: CollectContext, ecs: ECSClient): Promise<Resource[]> {
  return listAll(ctx, ECS_TASK_DEFINITION_TYPE, "ecs:ListTaskDefinitions", async () => {
    const arns: string[] = [];
    for await (const page of paginateListTaskDefinitions({ client: ecs }, { status: "ACTIVE", maxResults: 100 })) arns.push(...(page.taskDefinitionArns ?? []));
    const out = await ctx.map(arns, async (arn): Promise<Resource | undefined> => {
      try {
        const res = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ["TAGS"] }));
        if (!res.taskDefinition) return undefined;
        return ECS_TASK_DEFINITION_MAPPER.map({ taskDefinition: res.taskDefinition, tags: res.tags ?? [] }, ctx.scope);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        // "task-definition/family:3" → family
        const name = parseArn(arn)?.resourceId.replace(/:\d+$/, "");
        return unreadableResource(ctx.scope, { type: ECS_TASK_DEFINITION_TYPE, id: arn, arn, name }, ctx.failure(err, "ecs:DescribeTaskDefinition"));
      }
    });
    return out.filter((r): r is Resource => r !== undefined);
  });
}
