import type { CommonProps, PolicyDoc, ResourceTypeInfo, Val } from "./common.js";
import { arr, int, obj, policyDocument, str, strArr, typeSchema } from "./schema.js";

/**
 * AWS::IAM::Role. Config id: the RoleId ("AROA..."); Config's resourceName is the role name. Terraform
 * knows the RoleId as `unique_id` (state only), so HCL and plan records fall back to a placeholder id and
 * are matched by ARN or address instead.
 */
export const IAM_ROLE_TYPE = "AWS::IAM::Role";

export interface IamRoleProps extends CommonProps {
  RoleName?: Val<string>;
  RoleId?: Val<string>;
  Path?: Val<string>;
  Description?: Val<string>;
  MaxSessionDuration?: Val<number>;
  AssumeRolePolicyDocument?: PolicyDoc;
  PermissionsBoundary?: Val<string>;
  AttachedManagedPolicyArns?: Array<Val<string>> | Val<string[]>;
  Policies?: Array<{ PolicyName?: Val<string>; PolicyDocument?: PolicyDoc }>;
}

export const IAM_ROLE_SCHEMA = typeSchema({
  type: IAM_ROLE_TYPE,
  description: "An IAM role with everything attached to it (Terraform attachment and inline-policy resources merged in).",
  properties: {
    RoleName: str(),
    RoleId: str("Normalized extra: the unique id (AROA...) AWS Config uses as resourceId."),
    Path: str(),
    Description: str(),
    MaxSessionDuration: int(),
    AssumeRolePolicyDocument: policyDocument(),
    PermissionsBoundary: str("ARN of the permissions boundary policy."),
    AttachedManagedPolicyArns: strArr(
      "Normalized extra: every managed policy attached (managed_policy_arns, aws_iam_role_policy_attachment, aws_iam_policy_attachment).",
    ),
    Policies: arr(obj({ PolicyName: str(), PolicyDocument: policyDocument() }), "Inline policies (inline_policy blocks, aws_iam_role_policy)."),
  },
});

export const IAM_ROLE: ResourceTypeInfo = {
  type: IAM_ROLE_TYPE,
  schema: IAM_ROLE_SCHEMA,
  description: "IAM role: trust policy, permissions boundary, attached and inline policies.",
  taggable: true,
};
