import { IAM_USER_TYPE } from "../../../model/types/iam-user.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { addInlinePolicy, attachManagedPolicy } from "./iam-common.js";
import { str, tfType } from "./tf-reader.js";

/** aws_iam_user + aws_iam_user_policy_attachment / aws_iam_user_policy → AWS::IAM::User. Id: unique_id. */
export const TF_IAM_USER = tfType("aws_iam_user", ["name", "id", "arn", "unique_id", "path", "permissions_boundary"]);
export const TF_IAM_USER_POLICY_ATTACHMENT = tfType("aws_iam_user_policy_attachment", ["user", "policy_arn"]);
export const TF_IAM_USER_POLICY = tfType("aws_iam_user_policy", ["user", "name", "policy"]);

export const IAM_USER_MAPPING = resourceMapping(TF_IAM_USER, IAM_USER_TYPE, (r, b) => {
  const name = r.get("name");
  b.set("UserName", str(name), "name");
  b.set("UserId", str(r.get("unique_id")), "unique_id");
  b.set("Path", str(r.get("path")), "path");
  b.default("Path", "/"); // provider docs: path "Defaults to /"
  b.set("PermissionsBoundary", str(r.get("permissions_boundary")), "permissions_boundary");
  return { ident: { id: r.get("unique_id"), name, arn: r.get("arn") }, keys: [name, r.get("id"), r.get("arn")] };
});

export const IAM_USER_CHILD_MAPPINGS = [
  childMapping(TF_IAM_USER_POLICY_ATTACHMENT, IAM_USER_TYPE, ["user"], (r, b, inst) => {
    attachManagedPolicy(b, r.get("policy_arn"), "policy_arn", inst);
  }),
  childMapping(TF_IAM_USER_POLICY, IAM_USER_TYPE, ["user"], (r, b, inst) => {
    addInlinePolicy(b, str(r.get("name")), r.get("policy"), "policy", inst);
  }),
];
