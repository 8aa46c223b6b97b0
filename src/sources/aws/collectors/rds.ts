import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  ListTagsForResourceCommand,
  RDSClient,
  paginateDescribeDBClusterParameterGroups,
  paginateDescribeDBClusterParameters,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeDBParameterGroups,
  paginateDescribeDBParameters,
  paginateDescribeDBSnapshots,
  type DBSnapshotAttribute,
  type Parameter,
} from "@aws-sdk/client-rds";
import type { Resource } from "../../../model/resource.js";
import { RDS_DB_CLUSTER_TYPE } from "../../../model/types/rds-db-cluster.js";
import { RDS_DB_INSTANCE_TYPE } from "../../../model/types/rds-db-instance.js";
import { RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE, RDS_DB_PARAMETER_GROUP_TYPE } from "../../../model/types/rds-db-parameter-group.js";
import { RDS_DB_CLUSTER_SNAPSHOT_TYPE, RDS_DB_SNAPSHOT_TYPE } from "../../../model/types/rds-db-snapshot.js";
import type { CollectContext, Collector } from "../contract.js";
import { RDS_DB_CLUSTER_MAPPER } from "../mappers/rds-db-cluster.js";
import { RDS_DB_INSTANCE_MAPPER } from "../mappers/rds-db-instance.js";
import {
  RDS_DB_CLUSTER_PARAMETER_GROUP_MAPPER,
  RDS_DB_CLUSTER_SNAPSHOT_MAPPER,
  RDS_DB_PARAMETER_GROUP_MAPPER,
  RDS_DB_SNAPSHOT_MAPPER,
} from "../mappers/rds-extras.js";
import { listAll, readOr } from "./read-helpers.js";

/**
 * RDS, per region.
 *  DB instances and clusters: DescribeDBInstances / DescribeDBClusters carry every prop and the tags, so
 *  nothing is called per instance or cluster.
 *  Parameter groups (for rds.force_ssl and the like): DescribeDB(Cluster)ParameterGroups, then per group
 *  the user-set parameters (DescribeDB(Cluster)Parameters Source=user) and ListTagsForResource.
 *  Manual snapshots: DescribeDB(Cluster)Snapshots (tags inline), then per snapshot the "restore"
 *  attribute (DescribeDB(Cluster)SnapshotAttributes: who may restore it; "all" is public).
 */
export const RDS_COLLECTOR: Collector = {
  service: "rds",
  types: [
    RDS_DB_INSTANCE_TYPE, RDS_DB_CLUSTER_TYPE, RDS_DB_PARAMETER_GROUP_TYPE, RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE, RDS_DB_SNAPSHOT_TYPE,
    RDS_DB_CLUSTER_SNAPSHOT_TYPE,
  ],
  actions: [
    "rds:DescribeDBInstances", "rds:DescribeDBClusters", "rds:DescribeDBParameterGroups", "rds:DescribeDBParameters",
    "rds:DescribeDBClusterParameterGroups", "rds:DescribeDBClusterParameters", "rds:ListTagsForResource", "rds:DescribeDBSnapshots",
    "rds:DescribeDBSnapshotAttributes", "rds:DescribeDBClusterSnapshots", "rds:DescribeDBClusterSnapshotAttributes",
  ],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const rds = ctx.client(RDSClient);
    const parts = await Promise.all([
      listAll(ctx, RDS_DB_INSTANCE_TYPE, "rds:DescribeDBInstances", async () => {
        const items = [];
        for await (const page of paginateDescribeDBInstances({ client: rds }, { MaxRecords: 100 })) items.push(...(page.DBInstances ?? []));
        return items.map((db) => RDS_DB_INSTANCE_MAPPER.map(db, ctx.scope));
      }),
      listAll(ctx, RDS_DB_CLUSTER_TYPE, "rds:DescribeDBClusters", async () => {
        const items = [];
        for await (const page of paginateDescribeDBClusters({ client: rds }, { MaxRecords: 100 })) items.push(...(page.DBClusters ?? []));
        return items.map((c) => RDS_DB_CLUSTER_MAPPER.map(c, ctx.scope));
      }),
      listAll(ctx, RDS_DB_PARAMETER_GROUP_TYPE, "rds:DescribeDBParameterGroups", async () => {
        const groups = [];
        for await (const page of paginateDescribeDBParameterGroups({ client: rds }, { MaxRecords: 100 })) groups.push(...(page.DBParameterGroups ?? []));
        return ctx.map(groups, async (g) => {
          const Name = g.DBParameterGroupName ?? "";
          const [Parameters, Tags] = await Promise.all([
            readOr(ctx, "rds:DescribeDBParameters", async () => {
              const out: Parameter[] = [];
              for await (const page of paginateDescribeDBParameters({ client: rds }, { DBParameterGroupName: Name, Source: "user", MaxRecords: 100 })) out.push(...(page.Parameters ?? []));
              return out;
            }),
            tagsOf(ctx, rds, g.DBParameterGroupArn),
          ]);
          return RDS_DB_PARAMETER_GROUP_MAPPER.map({ Name, Family: g.DBParameterGroupFamily, Description: g.Description, Arn: g.DBParameterGroupArn, Parameters, Tags }, ctx.scope);
        });
      }),
      listAll(ctx, RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE, "rds:DescribeDBClusterParameterGroups", async () => {
        const groups = [];
        for await (const page of paginateDescribeDBClusterParameterGroups({ client: rds }, { MaxRecords: 100 })) groups.push(...(page.DBClusterParameterGroups ?? []));
        return ctx.map(groups, async (g) => {
          const Name = g.DBClusterParameterGroupName ?? "";
          const [Parameters, Tags] = await Promise.all([
            readOr(ctx, "rds:DescribeDBClusterParameters", async () => {
              const out: Parameter[] = [];
              for await (const page of paginateDescribeDBClusterParameters({ client: rds }, { DBClusterParameterGroupName: Name, Source: "user", MaxRecords: 100 })) out.push(...(page.Parameters ?? []));
              return out;
            }),
            tagsOf(ctx, rds, g.DBClusterParameterGroupArn),
          ]);
          return RDS_DB_CLUSTER_PARAMETER_GROUP_MAPPER.map({ Name, Family: g.DBParameterGroupFamily, Description: g.Description, Arn: g.DBClusterParameterGroupArn, Parameters, Tags }, ctx.scope);
        });
      }),
      listAll(ctx, RDS_DB_SNAPSHOT_TYPE, "rds:DescribeDBSnapshots", async () => {
        const snaps = [];
        for await (const page of paginateDescribeDBSnapshots({ client: rds }, { SnapshotType: "manual", MaxRecords: 100 })) snaps.push(...(page.DBSnapshots ?? []));
        return ctx.map(snaps, async (Snapshot) => {
          const RestoreAttribute = await readOr(ctx, "rds:DescribeDBSnapshotAttributes", async () =>
            restoreValues((await rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: Snapshot.DBSnapshotIdentifier }))).DBSnapshotAttributesResult?.DBSnapshotAttributes),
          );
          return RDS_DB_SNAPSHOT_MAPPER.map({ Snapshot, RestoreAttribute }, ctx.scope);
        });
      }),
      listAll(ctx, RDS_DB_CLUSTER_SNAPSHOT_TYPE, "rds:DescribeDBClusterSnapshots", async () => {
        const snaps = [];
        for await (const page of paginateDescribeDBClusterSnapshots({ client: rds }, { SnapshotType: "manual", MaxRecords: 100 })) snaps.push(...(page.DBClusterSnapshots ?? []));
        return ctx.map(snaps, async (Snapshot) => {
          const RestoreAttribute = await readOr(ctx, "rds:DescribeDBClusterSnapshotAttributes", async () =>
            restoreValues(
              (await rds.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: Snapshot.DBClusterSnapshotIdentifier }))).DBClusterSnapshotAttributesResult
                ?.DBClusterSnapshotAttributes,
            ),
          );
          return RDS_DB_CLUSTER_SNAPSHOT_MAPPER.map({ Snapshot, RestoreAttribute }, ctx.scope);
        });
      }),
    ]);
    return parts.flat();
  },
};

/** The "restore" attribute's values: the accounts that may restore the snapshot ("all": anyone). */
function restoreValues(attrs: DBSnapshotAttribute[] | undefined): string[] {
  return attrs?.find((a) => a.AttributeName === "restore")?.AttributeValues ?? [];
}

function tagsOf(ctx: CollectContext, rds: RDSClient, arn: string | undefined) {
  return arn ? readOr(ctx, "rds:ListTagsForResource", async () => (await rds.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList ?? []) : Promise.resolve(undefined);
}
