import { SHIELD_PROTECTION_TYPE } from "../../../model/types/shield-protection.js";
import { resourceMapping } from "./mapping.js";
import { str, tfType } from "./tf-reader.js";

/** aws_shield_protection → AWS::Shield::Protection. Id: the protection id. */
export const TF_SHIELD_PROTECTION = tfType("aws_shield_protection", ["name", "id", "arn", "resource_arn"]);

export const SHIELD_PROTECTION_MAPPING = resourceMapping(TF_SHIELD_PROTECTION, SHIELD_PROTECTION_TYPE, (r, b) => {
  b.set("Name", str(r.get("name")), "name");
  b.set("ResourceArn", str(r.get("resource_arn")), "resource_arn");
  return { ident: { id: r.get("id"), name: r.get("name"), arn: r.get("arn") }, keys: [r.get("id"), r.get("arn")] };
});
