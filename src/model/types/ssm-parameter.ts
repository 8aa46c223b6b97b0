import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { enumOf, str, typeSchema } from "./schema.js";

/** AWS::SSM::Parameter. Id: the parameter name (AWS Config does not record this type; the live collector uses the name). */
export const SSM_PARAMETER_TYPE = "AWS::SSM::Parameter";

export interface SsmParameterProps extends CommonProps {
  Name?: Val<string>;
  Type?: Val<"String" | "StringList" | "SecureString">;
  KeyId?: Val<string>;
  Tier?: Val<string>;
  DataType?: Val<string>;
  Description?: Val<string>;
}

export const SSM_PARAMETER_SCHEMA = typeSchema({
  type: SSM_PARAMETER_TYPE,
  description: "An SSM Parameter Store parameter (metadata only; the value is never read).",
  properties: {
    Name: str(),
    Type: enumOf(["String", "StringList", "SecureString"]),
    KeyId: str("Normalized extra: the KMS key of a SecureString; absent means alias/aws/ssm."),
    Tier: str(),
    DataType: str(),
    Description: str(),
  },
});

export const SSM_PARAMETER: ResourceTypeInfo = {
  type: SSM_PARAMETER_TYPE,
  schema: SSM_PARAMETER_SCHEMA,
  description: "SSM parameter: type (SecureString or not) and KMS key.",
  taggable: true,
};
