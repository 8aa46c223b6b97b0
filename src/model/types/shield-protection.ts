import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { str, typeSchema } from "./schema.js";

/** AWS::Shield::Protection. Config id: the protection id. Shield Advanced protection of one resource. */
export const SHIELD_PROTECTION_TYPE = "AWS::Shield::Protection";

export interface ShieldProtectionProps extends CommonProps {
  Name?: Val<string>;
  ResourceArn?: Val<string>;
}

export const SHIELD_PROTECTION_SCHEMA = typeSchema({
  type: SHIELD_PROTECTION_TYPE,
  description: "A Shield Advanced protection, CloudFormation property names.",
  properties: {
    Name: str(),
    ResourceArn: str("The protected resource: a CloudFront distribution, load balancer, Elastic IP, Route 53 zone or Global Accelerator."),
  },
});

export const SHIELD_PROTECTION: ResourceTypeInfo = {
  type: SHIELD_PROTECTION_TYPE,
  schema: SHIELD_PROTECTION_SCHEMA,
  description: "Shield Advanced protection: the resource it protects.",
  taggable: true,
};
