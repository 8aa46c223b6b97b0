import type { Action, Listener, LoadBalancer, LoadBalancerAttribute, Tag } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ELBV2_LISTENER_TYPE } from "../../../model/types/elbv2-listener.js";
import { ELBV2_LOAD_BALANCER_TYPE } from "../../../model/types/elbv2-load-balancer.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, tagRecord, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: one DescribeLoadBalancers item,
 * its DescribeLoadBalancerAttributes list and its tags from DescribeTags. A value the collector could not
 * read is an Unknown.
 */
export interface Elbv2LoadBalancerShape {
  LoadBalancer: LoadBalancer;
  Attributes: Read<LoadBalancerAttribute[]>;
  Tags: Read<Tag[] | undefined>;
}

/** AWS::ElasticLoadBalancingV2::LoadBalancer. Id and ARN: the load balancer ARN. */
export const ELBV2_LOAD_BALANCER_MAPPER: TypeMapper<Elbv2LoadBalancerShape> = {
  type: ELBV2_LOAD_BALANCER_TYPE,
  map({ LoadBalancer: lb, Attributes, Tags }, scope) {
    const arn = lb.LoadBalancerArn ?? "";
    return liveResource(scope, {
      type: ELBV2_LOAD_BALANCER_TYPE,
      id: arn,
      arn,
      name: lb.LoadBalancerName,
      region: scope.region,
      tags: tagRecord(Tags),
      props: {
        Name: lb.LoadBalancerName,
        Type: lb.Type,
        Scheme: lb.Scheme,
        // The API's list as it is ("true"/"false" strings), as the model documents it.
        LoadBalancerAttributes: mapRead(Attributes, (list) => list.flatMap((a) => (a.Key ? [{ Key: a.Key, Value: a.Value ?? "" }] : []))),
        SecurityGroups: lb.SecurityGroups,
        Subnets: lb.AvailabilityZones?.flatMap((z) => (z.SubnetId ? [z.SubnetId] : [])),
      },
    });
  },
};

/** The describe-API shape: one DescribeListeners item (its load balancer's listeners are listed per LB). */
export type Elbv2ListenerShape = Listener;

function action(a: Action): Record<string, unknown> {
  const r = a.RedirectConfig;
  return (
    compact({
      Type: a.Type,
      Order: a.Order,
      TargetGroupArn: a.TargetGroupArn,
      RedirectConfig: r && compact({ Protocol: r.Protocol, Port: r.Port, Host: r.Host, Path: r.Path, Query: r.Query, StatusCode: r.StatusCode }),
      FixedResponseConfig: a.FixedResponseConfig as Record<string, unknown> | undefined,
    }) ?? {}
  );
}

/** AWS::ElasticLoadBalancingV2::Listener. Id and ARN: the listener ARN. Tags are not read (no rule needs them). */
export const ELBV2_LISTENER_MAPPER: TypeMapper<Elbv2ListenerShape> = {
  type: ELBV2_LISTENER_TYPE,
  map(l, scope) {
    const arn = l.ListenerArn ?? "";
    return liveResource(scope, {
      type: ELBV2_LISTENER_TYPE,
      id: arn,
      arn,
      region: scope.region,
      props: {
        LoadBalancerArn: l.LoadBalancerArn,
        Port: l.Port,
        Protocol: l.Protocol,
        SslPolicy: l.SslPolicy,
        DefaultActions: l.DefaultActions?.map(action),
      },
    });
  },
};
