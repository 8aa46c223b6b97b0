import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, int, obj, str, strArr, typeSchema } from "./schema.js";

/** AWS::RDS::DBCluster. Config id: the DbClusterResourceId ("cluster-ABC..."); resourceName is the identifier. */
export const RDS_DB_CLUSTER_TYPE = "AWS::RDS::DBCluster";

export interface RdsDbClusterProps extends CommonProps {
  DBClusterIdentifier?: Val<string>;
  DbClusterResourceId?: Val<string>;
  Engine?: Val<string>;
  EngineMode?: Val<string>;
  EngineVersion?: Val<string>;
  StorageEncrypted?: Val<boolean>;
  KmsKeyId?: Val<string>;
  BackupRetentionPeriod?: Val<number>;
  DeletionProtection?: Val<boolean>;
  CopyTagsToSnapshot?: Val<boolean>;
  EnableIAMDatabaseAuthentication?: Val<boolean>;
  EnableCloudwatchLogsExports?: Val<string[]>;
  ManageMasterUserPassword?: Val<boolean>;
  MasterUserSecret?: Val<{ SecretArn?: Val<string>; KmsKeyId?: Val<string> }>;
  SkipFinalSnapshot?: Val<boolean>;
  BacktrackWindow?: Val<number>;
  VpcSecurityGroupIds?: Val<string[]>;
  DBSubnetGroupName?: Val<string>;
  DBClusterParameterGroupName?: Val<string>;
  StorageType?: Val<string>;
}

export const RDS_DB_CLUSTER_SCHEMA = typeSchema({
  type: RDS_DB_CLUSTER_TYPE,
  description: "An RDS / Aurora DB cluster, CloudFormation property names.",
  properties: {
    DBClusterIdentifier: str(),
    DbClusterResourceId: str("Normalized extra: the resource id AWS Config uses as this type's resourceId."),
    Engine: str(),
    EngineMode: str(),
    EngineVersion: str(),
    StorageEncrypted: bool(),
    KmsKeyId: str(),
    BackupRetentionPeriod: int(),
    DeletionProtection: bool(),
    CopyTagsToSnapshot: bool(),
    EnableIAMDatabaseAuthentication: bool(),
    EnableCloudwatchLogsExports: strArr(),
    ManageMasterUserPassword: bool(),
    MasterUserSecret: obj({ SecretArn: str(), KmsKeyId: str() }),
    SkipFinalSnapshot: bool("Normalized extra: whether deletion skips the final snapshot (Terraform only)."),
    BacktrackWindow: int(),
    VpcSecurityGroupIds: strArr(),
    DBSubnetGroupName: str(),
    DBClusterParameterGroupName: str("Absent: the engine's default cluster parameter group."),
    StorageType: str(),
  },
});

export const RDS_DB_CLUSTER: ResourceTypeInfo = {
  type: RDS_DB_CLUSTER_TYPE,
  schema: RDS_DB_CLUSTER_SCHEMA,
  description: "RDS / Aurora DB cluster: encryption, backups, deletion protection.",
  taggable: true,
};
