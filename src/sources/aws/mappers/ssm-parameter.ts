/** AWS::SSM::Parameter from DescribeParameters (metadata only) and ListTagsForResource. */
import type { ParameterMetadata, Tag } from "@aws-sdk/client-ssm";
import { SSM_PARAMETER_TYPE } from "../../../model/types/ssm-parameter.js";
import type { AwsScope, TypeMapper } from "../contract.js";
import { liveResource, nonEmpty, tagRecord, type Read } from "./common.js";

/**
 * AWS::SSM::Parameter shape: the describe-API shape (SDK v3, PascalCase) assembled by the collector:
 * DescribeParameters' ParameterMetadata plus ListTagsForResource's TagList; a value the collector could
 * not read is an Unknown. There is no Value field: parameter values are never read.
 */
export interface SsmParameterShape extends ParameterMetadata {
  TagList?: Read<Tag[] | undefined>;
}

/** DescribeParameters lacks ARN in moto; AWS's format: parameter/name, or parameter/path/name for "/path/name". */
export function parameterArn(name: string, scope: AwsScope): string {
  return `arn:${scope.partition}:ssm:${scope.region}:${scope.account}:parameter${name.startsWith("/") ? "" : "/"}${name}`;
}

export const SSM_PARAMETER_MAPPER: TypeMapper<SsmParameterShape> = {
  type: SSM_PARAMETER_TYPE,
  map(s, scope) {
    const name = s.Name ?? "";
    return liveResource(scope, {
      type: SSM_PARAMETER_TYPE,
      id: name,
      arn: s.ARN ?? (name ? parameterArn(name, scope) : undefined),
      name: name || undefined,
      region: scope.region,
      tags: tagRecord(s.TagList),
      props: {
        Name: name || undefined,
        Type: s.Type,
        KeyId: nonEmpty(s.KeyId),
        Tier: s.Tier,
        DataType: s.DataType,
        Description: nonEmpty(s.Description),
      },
    });
  },
};
