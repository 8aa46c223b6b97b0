import { IAM_POLICY_TYPE } from "../../../model/types/iam-policy.js";
import { normalizePolicyDocument } from "../../../model/policy-document.js";
import { resourceMapping } from "./mapping.js";
import { str, tfType } from "./tf-reader.js";

/** aws_iam_policy → AWS::IAM::Policy. Id: policy_id (the PolicyId AWS Config uses), known only in state. */
export const TF_IAM_POLICY = tfType("aws_iam_policy", ["name", "id", "arn", "policy_id", "path", "description", "policy"]);

export const IAM_POLICY_MAPPING = resourceMapping(TF_IAM_POLICY, IAM_POLICY_TYPE, (r, b) => {
  const name = r.get("name");
  b.set("PolicyName", str(name), "name");
  b.set("PolicyId", str(r.get("policy_id")), "policy_id");
  b.set("Path", str(r.get("path")), "path");
  b.default("Path", "/"); // provider docs: path "Defaults to /"
  b.set("Description", str(r.get("description")), "description");
  b.set("PolicyDocument", normalizePolicyDocument(r.get("policy")), "policy");
  return { ident: { id: r.get("policy_id"), name, arn: r.get("arn") }, keys: [name, r.get("id"), r.get("arn")] };
});
