import { ELBV2_LISTENER_TYPE } from "../../../model/types/elbv2-listener.js";
import { ELBV2_LOAD_BALANCER_TYPE } from "../../../model/types/elbv2-load-balancer.js";
import { isUnknown } from "../../../model/values.js";
import { resourceMapping, type ResourceMapping } from "./mapping.js";
import { bool, compact, mapEach, num, str, strList, tfType, type TfTypeSpec } from "./tf-reader.js";

/**
 * aws_lb / aws_alb → AWS::ElasticLoadBalancingV2::LoadBalancer and aws_lb_listener / aws_alb_listener →
 * AWS::ElasticLoadBalancingV2::Listener (aws_alb* are the provider's older names, same schema). Id: the ARN.
 * Settings CloudFormation keeps as LoadBalancerAttributes are emitted as that Key/Value list, with the
 * API's defaults for the ones not set, as DescribeLoadBalancerAttributes returns them all.
 */
const LB_ATTRS = [
  "name", "id", "arn", "load_balancer_type", "internal", "security_groups", "subnets", "enable_deletion_protection",
  "drop_invalid_header_fields", "access_logs", "access_logs.enabled", "access_logs.bucket", "access_logs.prefix",
] as const;
const LISTENER_ATTRS = [
  "id", "arn", "load_balancer_arn", "port", "protocol", "ssl_policy", "default_action", "default_action.type",
  "default_action.order", "default_action.target_group_arn", "default_action.redirect", "default_action.redirect.protocol",
  "default_action.redirect.port", "default_action.redirect.host", "default_action.redirect.path", "default_action.redirect.query",
  "default_action.redirect.status_code",
] as const;
export const TF_LB = tfType("aws_lb", LB_ATTRS);
export const TF_ALB = tfType("aws_alb", LB_ATTRS);
export const TF_LB_LISTENER = tfType("aws_lb_listener", LISTENER_ATTRS);
export const TF_ALB_LISTENER = tfType("aws_alb_listener", LISTENER_ATTRS);

/** true/false (or Unknown) → the API's "true"/"false" attribute strings. */
function attrValue(v: unknown, dflt: boolean): unknown {
  const x = bool(v) ?? dflt;
  return isUnknown(x) ? x : String(x);
}

function lbMapping(spec: TfTypeSpec<(typeof LB_ATTRS)[number]>): ResourceMapping {
  return resourceMapping(spec, ELBV2_LOAD_BALANCER_TYPE, (r, b) => {
    const arn = r.get("arn") ?? r.get("id");
    b.set("Name", str(r.get("name")), "name");
    b.set("Type", str(r.get("load_balancer_type")), "load_balancer_type");
    b.default("Type", "application"); // provider docs: load_balancer_type "Defaults to application"
    const internal = bool(r.get("internal"));
    b.set("Scheme", isUnknown(internal) ? internal : internal === true ? "internal" : "internet-facing", "internal");
    b.set("SecurityGroups", strList(r.get("security_groups")), "security_groups");
    b.set("Subnets", strList(r.get("subnets")), "subnets");
    // Provider docs: enable_deletion_protection and drop_invalid_header_fields "Defaults to false";
    // access_logs.enabled "Defaults to false" (and no access_logs block means no logs).
    const logs = r.block("access_logs");
    const attrs: Array<{ Key: string; Value: unknown }> = [
      { Key: "deletion_protection.enabled", Value: attrValue(r.get("enable_deletion_protection"), false) },
      { Key: "routing.http.drop_invalid_header_fields.enabled", Value: attrValue(r.get("drop_invalid_header_fields"), false) },
      { Key: "access_logs.s3.enabled", Value: isUnknown(logs) ? logs : attrValue(logs?.get("access_logs.enabled"), false) },
    ];
    const bucket = isUnknown(logs) ? logs : str(logs?.get("access_logs.bucket"));
    if (bucket !== undefined) attrs.push({ Key: "access_logs.s3.bucket", Value: bucket });
    b.set("LoadBalancerAttributes", attrs, logs ? "access_logs" : "enable_deletion_protection");
    return { ident: { id: arn, name: r.get("name"), arn }, keys: [arn, r.get("id"), r.get("name")] };
  });
}

function listenerMapping(spec: TfTypeSpec<(typeof LISTENER_ATTRS)[number]>): ResourceMapping {
  return resourceMapping(spec, ELBV2_LISTENER_TYPE, (r, b) => {
    const arn = r.get("arn") ?? r.get("id");
    b.set("LoadBalancerArn", str(r.get("load_balancer_arn")), "load_balancer_arn");
    b.set("Port", num(r.get("port")), "port");
    b.set("Protocol", str(r.get("protocol")), "protocol");
    b.set("SslPolicy", str(r.get("ssl_policy")), "ssl_policy");
    b.set(
      "DefaultActions",
      mapEach(r, "default_action", (a) => {
        const redirect = a.block("default_action.redirect");
        return (
          compact({
            Type: str(a.get("default_action.type")),
            Order: num(a.get("default_action.order")),
            TargetGroupArn: str(a.get("default_action.target_group_arn")),
            RedirectConfig: isUnknown(redirect)
              ? redirect
              : redirect &&
                compact({
                  Protocol: str(redirect.get("default_action.redirect.protocol")),
                  Port: str(redirect.get("default_action.redirect.port")),
                  Host: str(redirect.get("default_action.redirect.host")),
                  Path: str(redirect.get("default_action.redirect.path")),
                  Query: str(redirect.get("default_action.redirect.query")),
                  StatusCode: str(redirect.get("default_action.redirect.status_code")),
                }),
          }) ?? {}
        );
      }),
      "default_action",
    );
    return { ident: { id: arn, arn }, keys: [arn, r.get("id")] };
  });
}

export const LB_MAPPINGS = [lbMapping(TF_LB), lbMapping(TF_ALB), listenerMapping(TF_LB_LISTENER), listenerMapping(TF_ALB_LISTENER)];
