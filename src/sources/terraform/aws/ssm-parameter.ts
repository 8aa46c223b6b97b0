import { SSM_PARAMETER_TYPE } from "../../../model/types/ssm-parameter.js";
import { resourceMapping } from "./mapping.js";
import { str, tfType } from "./tf-reader.js";

/** aws_ssm_parameter → AWS::SSM::Parameter. Id: the name. The value is never read. */
export const TF_SSM_PARAMETER = tfType("aws_ssm_parameter", ["name", "arn", "type", "key_id", "tier", "data_type", "description"]);

export const SSM_PARAMETER_MAPPING = resourceMapping(TF_SSM_PARAMETER, SSM_PARAMETER_TYPE, (r, b) => {
  const name = r.get("name");
  b.set("Name", str(name), "name");
  b.set("Type", str(r.get("type")), "type");
  b.set("KeyId", str(r.get("key_id")), "key_id");
  b.set("Tier", str(r.get("tier")), "tier");
  b.set("DataType", str(r.get("data_type")), "data_type");
  b.set("Description", str(r.get("description")), "description");
  return { ident: { id: name, name, arn: r.get("arn") }, keys: [name, r.get("arn")] };
});
