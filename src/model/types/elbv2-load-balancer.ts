import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, obj, str, strArr, typeSchema } from "./schema.js";

/** AWS::ElasticLoadBalancingV2::LoadBalancer. Config id: the load balancer ARN. */
export const ELBV2_LOAD_BALANCER_TYPE = "AWS::ElasticLoadBalancingV2::LoadBalancer";

export interface Elbv2LoadBalancerProps extends CommonProps {
  Name?: Val<string>;
  Type?: Val<string>;
  Scheme?: Val<string>;
  LoadBalancerAttributes?: Val<Array<{ Key: string; Value: Val<string> }>>;
  SecurityGroups?: Val<string[]>;
  Subnets?: Val<string[]>;
}

export const ELBV2_LOAD_BALANCER_SCHEMA = typeSchema({
  type: ELBV2_LOAD_BALANCER_TYPE,
  description: "An Application / Network / Gateway Load Balancer, CloudFormation property names.",
  properties: {
    Name: str(),
    Type: str("application | network | gateway"),
    Scheme: str("internet-facing | internal"),
    LoadBalancerAttributes: arr(
      obj({ Key: str(), Value: str() }),
      "The API's attribute list (string values \"true\"/\"false\"): access_logs.s3.enabled, access_logs.s3.bucket, deletion_protection.enabled, routing.http.drop_invalid_header_fields.enabled...",
    ),
    SecurityGroups: strArr(),
    Subnets: strArr(),
  },
});

export const ELBV2_LOAD_BALANCER: ResourceTypeInfo = {
  type: ELBV2_LOAD_BALANCER_TYPE,
  schema: ELBV2_LOAD_BALANCER_SCHEMA,
  description: "Load balancer (ALB/NLB): access logs, deletion protection, header handling.",
  taggable: true,
};
