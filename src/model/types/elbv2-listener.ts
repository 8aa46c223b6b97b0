import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, int, obj, openObj, str, typeSchema } from "./schema.js";

/** AWS::ElasticLoadBalancingV2::Listener. Config id: the listener ARN. */
export const ELBV2_LISTENER_TYPE = "AWS::ElasticLoadBalancingV2::Listener";

export interface Elbv2ListenerProps extends CommonProps {
  LoadBalancerArn?: Val<string>;
  Port?: Val<number>;
  Protocol?: Val<string>;
  SslPolicy?: Val<string>;
  DefaultActions?: Val<unknown[]>;
}

export const ELBV2_LISTENER_SCHEMA = typeSchema({
  type: ELBV2_LISTENER_TYPE,
  description: "A load balancer listener, CloudFormation property names.",
  properties: {
    LoadBalancerArn: str(),
    Port: int(),
    Protocol: str("HTTP | HTTPS | TCP | TLS | UDP | TCP_UDP | GENEVE"),
    SslPolicy: str(),
    DefaultActions: arr(
      obj({
        Type: str("forward | redirect | fixed-response | authenticate-oidc | authenticate-cognito"),
        Order: int(),
        TargetGroupArn: str(),
        RedirectConfig: obj({ Protocol: str(), Port: str(), Host: str(), Path: str(), Query: str(), StatusCode: str() }),
        FixedResponseConfig: openObj(),
      }),
    ),
  },
});

export const ELBV2_LISTENER: ResourceTypeInfo = {
  type: ELBV2_LISTENER_TYPE,
  schema: ELBV2_LISTENER_SCHEMA,
  description: "Load balancer listener: protocol, TLS policy, default actions (HTTP to HTTPS redirect).",
  taggable: true,
};
