import type { CommonProps, PolicyDoc, ResourceTypeInfo, Val } from "./common.js";
import { arr, obj, policyDocument, str, strArr, typeSchema } from "./schema.js";

/** AWS::IAM::User. Config id: the UserId ("AIDA..."); resourceName is the user name. */
export const IAM_USER_TYPE = "AWS::IAM::User";

export interface IamUserProps extends CommonProps {
  UserName?: Val<string>;
  UserId?: Val<string>;
  Path?: Val<string>;
  PermissionsBoundary?: Val<string>;
  AttachedManagedPolicyArns?: Array<Val<string>>;
  Policies?: Array<{ PolicyName?: Val<string>; PolicyDocument?: PolicyDoc }>;
  AccessKeys?: Val<Array<{ AccessKeyId?: Val<string>; Status?: Val<string>; CreateDate?: Val<string> }>>;
}

export const IAM_USER_SCHEMA = typeSchema({
  type: IAM_USER_TYPE,
  description: "An IAM user with its attached and inline policies merged in.",
  properties: {
    UserName: str(),
    UserId: str("Normalized extra: the unique id (AIDA...) AWS Config uses as resourceId."),
    Path: str(),
    PermissionsBoundary: str(),
    AttachedManagedPolicyArns: strArr("Normalized extra: managed policies attached (aws_iam_user_policy_attachment, aws_iam_policy_attachment)."),
    Policies: arr(obj({ PolicyName: str(), PolicyDocument: policyDocument() }), "Inline policies (aws_iam_user_policy)."),
    AccessKeys: arr(
      obj({ AccessKeyId: str(), Status: str("Active | Inactive"), CreateDate: str("ISO-8601 creation time.") }),
      "Normalized extra: the user's access keys (aws_iam_access_key; IAM ListAccessKeys). Never the secret.",
    ),
  },
});

export const IAM_USER: ResourceTypeInfo = {
  type: IAM_USER_TYPE,
  schema: IAM_USER_SCHEMA,
  description: "IAM user: attached and inline policies, permissions boundary.",
  taggable: true,
};
