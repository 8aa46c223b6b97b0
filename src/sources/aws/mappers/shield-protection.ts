import type { Protection } from "@aws-sdk/client-shield";
import { SHIELD_PROTECTION_TYPE } from "../../../model/types/shield-protection.js";
import type { TypeMapper } from "../contract.js";
import { liveResource } from "./common.js";

/** The describe-API shape (SDK v3): one ListProtections item. */
export type ShieldProtectionShape = Protection;

/** AWS::Shield::Protection. Id: the protection id. Shield Advanced is global: recorded in us-east-1. */
export const SHIELD_PROTECTION_MAPPER: TypeMapper<ShieldProtectionShape> = {
  type: SHIELD_PROTECTION_TYPE,
  map(p, scope) {
    return liveResource(scope, {
      type: SHIELD_PROTECTION_TYPE,
      id: p.Id ?? "",
      arn: p.ProtectionArn,
      name: p.Name,
      region: scope.region,
      props: { Name: p.Name, ResourceArn: p.ResourceArn },
    });
  },
};
