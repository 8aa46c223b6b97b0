import type { CommonProps, PolicyDoc, ResourceTypeInfo, Val } from "./common.js";
import { policyDocument, str, typeSchema } from "./schema.js";

/** AWS::IAM::Policy (customer managed policy). Config id: the PolicyId ("ANPA..."); resourceName is the name. */
export const IAM_POLICY_TYPE = "AWS::IAM::Policy";

export interface IamPolicyProps extends CommonProps {
  PolicyName?: Val<string>;
  PolicyId?: Val<string>;
  Path?: Val<string>;
  Description?: Val<string>;
  PolicyDocument?: PolicyDoc;
}

export const IAM_POLICY_SCHEMA = typeSchema({
  type: IAM_POLICY_TYPE,
  description:
    "A customer managed IAM policy (AWS Config records managed policies as AWS::IAM::Policy; CloudFormation calls them AWS::IAM::ManagedPolicy).",
  properties: {
    PolicyName: str(),
    PolicyId: str("Normalized extra: the unique id (ANPA...) AWS Config uses as resourceId."),
    Path: str(),
    Description: str(),
    PolicyDocument: policyDocument(),
  },
});

export const IAM_POLICY: ResourceTypeInfo = {
  type: IAM_POLICY_TYPE,
  schema: IAM_POLICY_SCHEMA,
  description: "Customer managed IAM policy and its document.",
  taggable: true,
};
