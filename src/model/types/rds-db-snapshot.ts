import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, str, strArr, typeSchema } from "./schema.js";

/**
 * AWS::RDS::DBSnapshot (Config id: the snapshot identifier) and AWS::RDS::DBClusterSnapshot (Config id:
 * the cluster snapshot identifier): manual snapshots. SharedAccounts is the snapshot's "restore"
 * attribute: "all" makes it public.
 */
export const RDS_DB_SNAPSHOT_TYPE = "AWS::RDS::DBSnapshot";
export const RDS_DB_CLUSTER_SNAPSHOT_TYPE = "AWS::RDS::DBClusterSnapshot";

export interface RdsSnapshotProps extends CommonProps {
  DBSnapshotIdentifier?: Val<string>;
  SourceIdentifier?: Val<string>;
  Encrypted?: Val<boolean>;
  KmsKeyId?: Val<string>;
  SharedAccounts?: Val<string[]>;
}

function schemaFor(type: string, what: string) {
  return typeSchema({
    type,
    description: `A manual RDS ${what} snapshot (API names; CloudFormation has no snapshot resource).`,
    properties: {
      DBSnapshotIdentifier: str("The snapshot identifier (DBClusterSnapshotIdentifier for cluster snapshots)."),
      SourceIdentifier: str("Normalized extra: the DB instance or cluster snapshotted."),
      Encrypted: bool(),
      KmsKeyId: str(),
      SharedAccounts: strArr("Normalized extra: accounts allowed to restore the snapshot (the \"restore\" attribute); \"all\" means public."),
    },
  });
}

export const RDS_DB_SNAPSHOT: ResourceTypeInfo = {
  type: RDS_DB_SNAPSHOT_TYPE,
  schema: schemaFor(RDS_DB_SNAPSHOT_TYPE, "DB instance"),
  description: "RDS DB snapshot: encryption and who may restore it.",
  taggable: true,
};

export const RDS_DB_CLUSTER_SNAPSHOT: ResourceTypeInfo = {
  type: RDS_DB_CLUSTER_SNAPSHOT_TYPE,
  schema: schemaFor(RDS_DB_CLUSTER_SNAPSHOT_TYPE, "DB cluster"),
  description: "RDS DB cluster snapshot: encryption and who may restore it.",
  taggable: true,
};
