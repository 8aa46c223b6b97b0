import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, int, obj, str, strArr, typeSchema } from "./schema.js";

/** AWS::RDS::DBInstance. Config id: the DbiResourceId ("db-ABC..."); Config's resourceName is the identifier. */
export const RDS_DB_INSTANCE_TYPE = "AWS::RDS::DBInstance";

export interface RdsDbInstanceProps extends CommonProps {
  DBInstanceIdentifier?: Val<string>;
  DbiResourceId?: Val<string>;
  Engine?: Val<string>;
  EngineVersion?: Val<string>;
  DBInstanceClass?: Val<string>;
  StorageEncrypted?: Val<boolean>;
  KmsKeyId?: Val<string>;
  BackupRetentionPeriod?: Val<number>;
  DeletionProtection?: Val<boolean>;
  MultiAZ?: Val<boolean>;
  PubliclyAccessible?: Val<boolean>;
  AutoMinorVersionUpgrade?: Val<boolean>;
  CopyTagsToSnapshot?: Val<boolean>;
  EnableIAMDatabaseAuthentication?: Val<boolean>;
  EnablePerformanceInsights?: Val<boolean>;
  PerformanceInsightsKMSKeyId?: Val<string>;
  EnableCloudwatchLogsExports?: Val<string[]>;
  ManageMasterUserPassword?: Val<boolean>;
  MasterUserSecret?: Val<{ SecretArn?: Val<string>; KmsKeyId?: Val<string> }>;
  DeleteAutomatedBackups?: Val<boolean>;
  SkipFinalSnapshot?: Val<boolean>;
  StorageType?: Val<string>;
  AllocatedStorage?: Val<number>;
  DBSubnetGroupName?: Val<string>;
  DBParameterGroupName?: Val<string>;
  VPCSecurityGroups?: Val<string[]>;
  MonitoringInterval?: Val<number>;
  SourceDBInstanceIdentifier?: Val<string>;
}

export const RDS_DB_INSTANCE_SCHEMA = typeSchema({
  type: RDS_DB_INSTANCE_TYPE,
  description: "An RDS DB instance, CloudFormation property names.",
  properties: {
    DBInstanceIdentifier: str(),
    DbiResourceId: str("Normalized extra: the resource id AWS Config uses as this type's resourceId."),
    Engine: str(),
    EngineVersion: str(),
    DBInstanceClass: str(),
    StorageEncrypted: bool(),
    KmsKeyId: str(),
    BackupRetentionPeriod: int("Days; 0 disables automated backups."),
    DeletionProtection: bool(),
    MultiAZ: bool(),
    PubliclyAccessible: bool(),
    AutoMinorVersionUpgrade: bool(),
    CopyTagsToSnapshot: bool(),
    EnableIAMDatabaseAuthentication: bool(),
    EnablePerformanceInsights: bool(),
    PerformanceInsightsKMSKeyId: str(),
    EnableCloudwatchLogsExports: strArr(),
    ManageMasterUserPassword: bool(),
    MasterUserSecret: obj({ SecretArn: str(), KmsKeyId: str() }),
    DeleteAutomatedBackups: bool(),
    SkipFinalSnapshot: bool("Normalized extra: whether deletion skips the final snapshot (Terraform only)."),
    StorageType: str(),
    AllocatedStorage: int("GiB (CloudFormation types this as a string; normalized to a number)."),
    DBSubnetGroupName: str(),
    DBParameterGroupName: str("Absent: the engine's default parameter group."),
    VPCSecurityGroups: strArr(),
    MonitoringInterval: int(),
    SourceDBInstanceIdentifier: str("Set for read replicas."),
  },
});

export const RDS_DB_INSTANCE: ResourceTypeInfo = {
  type: RDS_DB_INSTANCE_TYPE,
  schema: RDS_DB_INSTANCE_SCHEMA,
  description: "RDS DB instance: encryption, backups, deletion protection, Multi-AZ, public access.",
  taggable: true,
};
