import type { DBInstance } from "@aws-sdk/client-rds";
import { RDS_DB_INSTANCE_TYPE } from "../../../model/types/rds-db-instance.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, nonEmpty, tagRecord } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: one DescribeDBInstances item,
 * which carries its tags (TagList) inline. A value the collector could not read is an Unknown.
 */
export type RdsDbInstanceShape = DBInstance;

/**
 * AWS::RDS::DBInstance from DescribeDBInstances. Id: DbiResourceId (what AWS Config uses), name: the
 * identifier. Not in the API, so never set here: SkipFinalSnapshot and DeleteAutomatedBackups (Terraform
 * settings for deletion).
 */
export const RDS_DB_INSTANCE_MAPPER: TypeMapper<RdsDbInstanceShape> = {
  type: RDS_DB_INSTANCE_TYPE,
  map(db, scope) {
    const secret = db.MasterUserSecret;
    return liveResource(scope, {
      type: RDS_DB_INSTANCE_TYPE,
      id: db.DbiResourceId ?? db.DBInstanceIdentifier ?? "",
      arn: db.DBInstanceArn,
      name: db.DBInstanceIdentifier,
      region: scope.region,
      tags: tagRecord(db.TagList),
      props: {
        DBInstanceIdentifier: db.DBInstanceIdentifier,
        DbiResourceId: db.DbiResourceId,
        Engine: db.Engine,
        EngineVersion: db.EngineVersion,
        DBInstanceClass: db.DBInstanceClass,
        StorageEncrypted: db.StorageEncrypted,
        KmsKeyId: nonEmpty(db.KmsKeyId),
        BackupRetentionPeriod: db.BackupRetentionPeriod,
        DeletionProtection: db.DeletionProtection,
        MultiAZ: db.MultiAZ,
        PubliclyAccessible: db.PubliclyAccessible,
        AutoMinorVersionUpgrade: db.AutoMinorVersionUpgrade,
        CopyTagsToSnapshot: db.CopyTagsToSnapshot,
        EnableIAMDatabaseAuthentication: db.IAMDatabaseAuthenticationEnabled,
        EnablePerformanceInsights: db.PerformanceInsightsEnabled,
        PerformanceInsightsKMSKeyId: nonEmpty(db.PerformanceInsightsKMSKeyId),
        EnableCloudwatchLogsExports: db.EnabledCloudwatchLogsExports,
        // The API has no flag: a master user secret exists exactly when RDS manages the password.
        ManageMasterUserPassword: secret !== undefined,
        MasterUserSecret: secret && compact({ SecretArn: nonEmpty(secret.SecretArn), KmsKeyId: nonEmpty(secret.KmsKeyId) }),
        StorageType: db.StorageType,
        AllocatedStorage: db.AllocatedStorage,
        DBSubnetGroupName: nonEmpty(db.DBSubnetGroup?.DBSubnetGroupName),
        DBParameterGroupName: nonEmpty(db.DBParameterGroups?.[0]?.DBParameterGroupName),
        VPCSecurityGroups: db.VpcSecurityGroups?.flatMap((g) => (g.VpcSecurityGroupId ? [g.VpcSecurityGroupId] : [])),
        MonitoringInterval: db.MonitoringInterval,
        SourceDBInstanceIdentifier: nonEmpty(db.ReadReplicaSourceDBInstanceIdentifier),
      },
    });
  },
};
