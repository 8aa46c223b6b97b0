import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { str, strMap, typeSchema } from "./schema.js";

/**
 * AWS::RDS::DBParameterGroup and AWS::RDS::DBClusterParameterGroup: the same props. Config id: the group
 * name (AWS Config records DBParameterGroup only through its own item; cluster groups are not recorded).
 */
export const RDS_DB_PARAMETER_GROUP_TYPE = "AWS::RDS::DBParameterGroup";
export const RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE = "AWS::RDS::DBClusterParameterGroup";

export interface RdsParameterGroupProps extends CommonProps {
  DBParameterGroupName?: Val<string>;
  Family?: Val<string>;
  Description?: Val<string>;
  Parameters?: Val<Record<string, Val<string>>>;
}

function schemaFor(type: string, what: string) {
  return typeSchema({
    type,
    description: `An RDS ${what} parameter group, CloudFormation property names.`,
    properties: {
      DBParameterGroupName: str("The group name (DBClusterParameterGroupName for cluster groups)."),
      Family: str(),
      Description: str(),
      Parameters: strMap("Parameters set explicitly in the group, name → value (CloudFormation's map); engine defaults are not listed."),
    },
  });
}

export const RDS_DB_PARAMETER_GROUP: ResourceTypeInfo = {
  type: RDS_DB_PARAMETER_GROUP_TYPE,
  schema: schemaFor(RDS_DB_PARAMETER_GROUP_TYPE, "DB instance"),
  description: "RDS DB parameter group: explicitly set parameters (rds.force_ssl, require_secure_transport...).",
  taggable: true,
};

export const RDS_DB_CLUSTER_PARAMETER_GROUP: ResourceTypeInfo = {
  type: RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE,
  schema: schemaFor(RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE, "DB cluster"),
  description: "RDS DB cluster parameter group: explicitly set parameters.",
  taggable: true,
};
