import type { DBClusterSnapshot, DBSnapshot, Parameter, Tag } from "@aws-sdk/client-rds";
import { RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE, RDS_DB_PARAMETER_GROUP_TYPE } from "../../../model/types/rds-db-parameter-group.js";
import { RDS_DB_CLUSTER_SNAPSHOT_TYPE, RDS_DB_SNAPSHOT_TYPE } from "../../../model/types/rds-db-snapshot.js";
import type { TypeMapper } from "../contract.js";
import { liveResource, mapRead, nonEmpty, tagRecord, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector for a DB or DB cluster parameter
 * group: DescribeDB(Cluster)ParameterGroups' item (its name, family, description, ARN, in the DB
 * spelling), the group's user-set parameters from DescribeDB(Cluster)Parameters with Source=user, and
 * ListTagsForResource's tags. A value the collector could not read is an Unknown.
 */
export interface RdsParameterGroupShape {
  Name: string;
  Family?: string;
  Description?: string;
  Arn?: string;
  Parameters: Read<Parameter[]>;
  Tags: Read<Tag[] | undefined>;
}

function parameterGroupMapper(type: string): TypeMapper<RdsParameterGroupShape> {
  return {
    type,
    map(g, scope) {
      return liveResource(scope, {
        type,
        id: g.Name,
        arn: g.Arn,
        name: g.Name,
        region: scope.region,
        tags: tagRecord(g.Tags),
        props: {
          DBParameterGroupName: g.Name,
          Family: g.Family,
          Description: nonEmpty(g.Description),
          // Only parameters set in the group (Source=user), as Terraform's parameter blocks and
          // CloudFormation's Parameters map list them; engine defaults are not.
          Parameters: mapRead(g.Parameters, (list) => {
            const out: Record<string, string> = {};
            for (const p of list) if (p.ParameterName) out[p.ParameterName] = p.ParameterValue ?? "";
            return out;
          }),
        },
      });
    },
  };
}

/** AWS::RDS::DBParameterGroup. Id: the group name. */
export const RDS_DB_PARAMETER_GROUP_MAPPER = parameterGroupMapper(RDS_DB_PARAMETER_GROUP_TYPE);
/** AWS::RDS::DBClusterParameterGroup. Id: the group name. */
export const RDS_DB_CLUSTER_PARAMETER_GROUP_MAPPER = parameterGroupMapper(RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE);

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: one DescribeDBSnapshots item
 * (manual snapshots; tags inline) and the "restore" attribute values from DescribeDBSnapshotAttributes.
 * A value the collector could not read is an Unknown.
 */
export interface RdsDbSnapshotShape {
  Snapshot: DBSnapshot;
  RestoreAttribute: Read<string[]>;
}

/** AWS::RDS::DBSnapshot. Id: the snapshot identifier. */
export const RDS_DB_SNAPSHOT_MAPPER: TypeMapper<RdsDbSnapshotShape> = {
  type: RDS_DB_SNAPSHOT_TYPE,
  map({ Snapshot: s, RestoreAttribute }, scope) {
    return liveResource(scope, {
      type: RDS_DB_SNAPSHOT_TYPE,
      id: s.DBSnapshotIdentifier ?? "",
      arn: s.DBSnapshotArn,
      name: s.DBSnapshotIdentifier,
      region: scope.region,
      tags: tagRecord(s.TagList),
      props: {
        DBSnapshotIdentifier: s.DBSnapshotIdentifier,
        SourceIdentifier: s.DBInstanceIdentifier,
        Encrypted: s.Encrypted,
        KmsKeyId: nonEmpty(s.KmsKeyId),
        SharedAccounts: RestoreAttribute,
      },
    });
  },
};

/** The same for DescribeDBClusterSnapshots + DescribeDBClusterSnapshotAttributes. */
export interface RdsDbClusterSnapshotShape {
  Snapshot: DBClusterSnapshot;
  RestoreAttribute: Read<string[]>;
}

/** AWS::RDS::DBClusterSnapshot. Id: the cluster snapshot identifier. */
export const RDS_DB_CLUSTER_SNAPSHOT_MAPPER: TypeMapper<RdsDbClusterSnapshotShape> = {
  type: RDS_DB_CLUSTER_SNAPSHOT_TYPE,
  map({ Snapshot: s, RestoreAttribute }, scope) {
    return liveResource(scope, {
      type: RDS_DB_CLUSTER_SNAPSHOT_TYPE,
      id: s.DBClusterSnapshotIdentifier ?? "",
      arn: s.DBClusterSnapshotArn,
      name: s.DBClusterSnapshotIdentifier,
      region: scope.region,
      tags: tagRecord(s.TagList),
      props: {
        DBSnapshotIdentifier: s.DBClusterSnapshotIdentifier,
        SourceIdentifier: s.DBClusterIdentifier,
        Encrypted: s.StorageEncrypted,
        KmsKeyId: nonEmpty(s.KmsKeyId),
        SharedAccounts: RestoreAttribute,
      },
    });
  },
};
