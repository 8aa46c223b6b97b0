import type { DBCluster } from "@aws-sdk/client-rds";
import { RDS_DB_CLUSTER_TYPE } from "../../../model/types/rds-db-cluster.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, nonEmpty, tagRecord } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: one DescribeDBClusters item,
 * tags (TagList) inline. A value the collector could not read is an Unknown.
 */
export type RdsDbClusterShape = DBCluster;

/**
 * AWS::RDS::DBCluster from DescribeDBClusters. Id: DbClusterResourceId (AWS Config's), name: the
 * identifier. SkipFinalSnapshot is a Terraform deletion setting with no API counterpart: never set here.
 */
export const RDS_DB_CLUSTER_MAPPER: TypeMapper<RdsDbClusterShape> = {
  type: RDS_DB_CLUSTER_TYPE,
  map(c, scope) {
    const secret = c.MasterUserSecret;
    return liveResource(scope, {
      type: RDS_DB_CLUSTER_TYPE,
      id: c.DbClusterResourceId ?? c.DBClusterIdentifier ?? "",
      arn: c.DBClusterArn,
      name: c.DBClusterIdentifier,
      region: scope.region,
      tags: tagRecord(c.TagList),
      props: {
        DBClusterIdentifier: c.DBClusterIdentifier,
        DbClusterResourceId: c.DbClusterResourceId,
        Engine: c.Engine,
        EngineMode: c.EngineMode,
        EngineVersion: c.EngineVersion,
        StorageEncrypted: c.StorageEncrypted,
        KmsKeyId: nonEmpty(c.KmsKeyId),
        BackupRetentionPeriod: c.BackupRetentionPeriod,
        DeletionProtection: c.DeletionProtection,
        CopyTagsToSnapshot: c.CopyTagsToSnapshot,
        EnableIAMDatabaseAuthentication: c.IAMDatabaseAuthenticationEnabled,
        EnableCloudwatchLogsExports: c.EnabledCloudwatchLogsExports,
        // No flag in the API: the master user secret exists exactly when RDS manages the password.
        ManageMasterUserPassword: secret !== undefined,
        MasterUserSecret: secret && compact({ SecretArn: nonEmpty(secret.SecretArn), KmsKeyId: nonEmpty(secret.KmsKeyId) }),
        BacktrackWindow: c.BacktrackWindow,
        VpcSecurityGroupIds: c.VpcSecurityGroups?.flatMap((g) => (g.VpcSecurityGroupId ? [g.VpcSecurityGroupId] : [])),
        DBSubnetGroupName: nonEmpty(c.DBSubnetGroup),
        DBClusterParameterGroupName: nonEmpty(c.DBClusterParameterGroup),
        StorageType: c.StorageType,
      },
    });
  },
};
