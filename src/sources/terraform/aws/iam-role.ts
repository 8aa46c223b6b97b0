import { IAM_ROLE_TYPE } from "../../../model/types/iam-role.js";
import { IAM_USER_TYPE } from "../../../model/types/iam-user.js";
import { normalizePolicyDocument } from "../../../model/policy-document.js";
import { isUnknown } from "../../../model/values.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { addInlinePolicy, attachManagedPolicy } from "./iam-common.js";
import { num, str, tfType } from "./tf-reader.js";

/**
 * aws_iam_role + attachments (aws_iam_role_policy_attachment, aws_iam_policy_attachment.roles), inline
 * policies (aws_iam_role_policy, inline_policy blocks) and managed_policy_arns → AWS::IAM::Role.
 * Id: unique_id (the RoleId AWS Config uses), known only in state.
 */
export const TF_IAM_ROLE = tfType("aws_iam_role", [
  "name", "id", "arn", "unique_id", "path", "description", "max_session_duration", "assume_role_policy",
  "permissions_boundary", "managed_policy_arns", "inline_policy", "inline_policy.name", "inline_policy.policy",
]);
export const TF_IAM_ROLE_POLICY_ATTACHMENT = tfType("aws_iam_role_policy_attachment", ["role", "policy_arn"]);
export const TF_IAM_ROLE_POLICY = tfType("aws_iam_role_policy", ["role", "name", "policy"]);
export const TF_IAM_POLICY_ATTACHMENT = tfType("aws_iam_policy_attachment", ["roles", "users", "policy_arn"]);

export const IAM_ROLE_MAPPING = resourceMapping(TF_IAM_ROLE, IAM_ROLE_TYPE, (r, b, inst) => {
  const name = r.get("name");
  b.set("RoleName", str(name), "name");
  b.set("RoleId", str(r.get("unique_id")), "unique_id");
  b.set("Path", str(r.get("path")), "path");
  b.default("Path", "/"); // provider docs: path "Defaults to /"
  b.set("Description", str(r.get("description")), "description");
  b.set("MaxSessionDuration", num(r.get("max_session_duration")), "max_session_duration");
  b.default("MaxSessionDuration", 3600); // provider docs: "Default is 3600 seconds"
  b.set("AssumeRolePolicyDocument", normalizePolicyDocument(r.get("assume_role_policy")), "assume_role_policy");
  b.set("PermissionsBoundary", str(r.get("permissions_boundary")), "permissions_boundary");

  const managed = r.get("managed_policy_arns");
  if (isUnknown(managed)) b.set("AttachedManagedPolicyArns", managed, "managed_policy_arns");
  else if (Array.isArray(managed)) {
    b.set("AttachedManagedPolicyArns", [], "managed_policy_arns");
    for (const arn of managed) attachManagedPolicy(b, arn, "managed_policy_arns", inst);
  }
  const inline = r.each("inline_policy");
  if (isUnknown(inline)) b.set("Policies", inline, "inline_policy");
  else {
    for (const p of inline) {
      const pname = p.get("inline_policy.name");
      const doc = p.get("inline_policy.policy");
      // State holds one empty element for "no inline policies".
      if (str(pname) === undefined && str(doc) === undefined) continue;
      addInlinePolicy(b, str(pname), doc, "inline_policy", inst);
    }
  }
  return { ident: { id: r.get("unique_id"), name, arn: r.get("arn") }, keys: [name, r.get("id"), r.get("arn")] };
});

export const IAM_ROLE_CHILD_MAPPINGS = [
  childMapping(TF_IAM_ROLE_POLICY_ATTACHMENT, IAM_ROLE_TYPE, ["role"], (r, b, inst) => {
    attachManagedPolicy(b, r.get("policy_arn"), "policy_arn", inst);
  }),
  childMapping(TF_IAM_ROLE_POLICY, IAM_ROLE_TYPE, ["role"], (r, b, inst) => {
    addInlinePolicy(b, str(r.get("name")), r.get("policy"), "policy", inst);
  }),
  childMapping(TF_IAM_POLICY_ATTACHMENT, IAM_ROLE_TYPE, ["roles"], (r, b, inst) => {
    attachManagedPolicy(b, r.get("policy_arn"), "policy_arn", inst);
  }),
  childMapping(TF_IAM_POLICY_ATTACHMENT, IAM_USER_TYPE, ["users"], (r, b, inst) => {
    attachManagedPolicy(b, r.get("policy_arn"), "policy_arn", inst);
  }),
];
