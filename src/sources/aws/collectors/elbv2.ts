import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  type Listener,
  type LoadBalancer,
  type Tag,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { Resource } from "../../../model/resource.js";
import { ELBV2_LISTENER_TYPE } from "../../../model/types/elbv2-listener.js";
import { ELBV2_LOAD_BALANCER_TYPE } from "../../../model/types/elbv2-load-balancer.js";
import { failed } from "../mappers/common.js";
import type { CollectContext, Collector } from "../contract.js";
import { ELBV2_LISTENER_MAPPER, ELBV2_LOAD_BALANCER_MAPPER } from "../mappers/elbv2.js";
import { listAll, readOr } from "./read-helpers.js";

/** DescribeTags takes at most 20 ARNs per call. */
const TAG_BATCH = 20;

/**
 * ELBv2 load balancers and listeners, per region: DescribeLoadBalancers, then per load balancer
 * DescribeLoadBalancerAttributes and DescribeListeners, and DescribeTags for 20 load balancers per call.
 * Listeners of a load balancer whose listeners cannot be listed are a gap for the listener type.
 */
export const ELBV2_COLLECTOR: Collector = {
  service: "elasticloadbalancing",
  types: [ELBV2_LOAD_BALANCER_TYPE, ELBV2_LISTENER_TYPE],
  actions: ["elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeListeners"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const elb = ctx.client(ElasticLoadBalancingV2Client);
    return listAll(ctx, [ELBV2_LOAD_BALANCER_TYPE, ELBV2_LISTENER_TYPE], "elasticloadbalancing:DescribeLoadBalancers", async () => {
      const lbs: LoadBalancer[] = [];
      for await (const page of paginateDescribeLoadBalancers({ client: elb }, { PageSize: 400 })) lbs.push(...(page.LoadBalancers ?? []));
      const arns = lbs.flatMap((lb) => (lb.LoadBalancerArn ? [lb.LoadBalancerArn] : []));
      const batches: string[][] = [];
      for (let i = 0; i < arns.length; i += TAG_BATCH) batches.push(arns.slice(i, i + TAG_BATCH));
      const tags = new Map<string, Tag[] | ReturnType<typeof failed>>();
      await ctx.map(batches, async (ResourceArns) => {
        const res = await readOr(ctx, "elasticloadbalancing:DescribeTags", async () => (await elb.send(new DescribeTagsCommand({ ResourceArns }))).TagDescriptions ?? []);
        for (const arn of ResourceArns) tags.set(arn, Array.isArray(res) ? (res.find((d) => d.ResourceArn === arn)?.Tags ?? []) : res);
      });
      const out = await ctx.map(lbs, async (LoadBalancer): Promise<Resource[]> => {
        const arn = LoadBalancer.LoadBalancerArn ?? "";
        const [Attributes, listeners] = await Promise.all([
          readOr(ctx, "elasticloadbalancing:DescribeLoadBalancerAttributes", async () => (await elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes ?? []),
          listAll(ctx, ELBV2_LISTENER_TYPE, "elasticloadbalancing:DescribeListeners", async () => {
            const ls: Listener[] = [];
            for await (const page of paginateDescribeListeners({ client: elb }, { LoadBalancerArn: arn, PageSize: 400 })) ls.push(...(page.Listeners ?? []));
            return ls.map((l) => ELBV2_LISTENER_MAPPER.map(l, ctx.scope));
          }),
        ]);
        return [ELBV2_LOAD_BALANCER_MAPPER.map({ LoadBalancer, Attributes, Tags: tags.get(arn) ?? [] }, ctx.scope), ...listeners];
      });
      return out.flat();
    });
  },
};
