import { RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE, RDS_DB_PARAMETER_GROUP_TYPE } from "../../../model/types/rds-db-parameter-group.js";
import { RDS_DB_CLUSTER_SNAPSHOT_TYPE, RDS_DB_SNAPSHOT_TYPE } from "../../../model/types/rds-db-snapshot.js";
import { isUnknown, Unknown } from "../../../model/values.js";
import { resourceMapping, type ResourceMapping } from "./mapping.js";
import { bool, str, strList, tfType, type TfTypeSpec } from "./tf-reader.js";

/**
 * aws_db_parameter_group / aws_rds_cluster_parameter_group → AWS::RDS::DBParameterGroup /
 * DBClusterParameterGroup (id: the name; `parameter` blocks → Parameters map), and aws_db_snapshot /
 * aws_db_cluster_snapshot → AWS::RDS::DBSnapshot / DBClusterSnapshot (id: the snapshot identifier).
 */
const PG_ATTRS = ["name", "id", "arn", "family", "description", "parameter", "parameter.name", "parameter.value"] as const;
export const TF_DB_PARAMETER_GROUP = tfType("aws_db_parameter_group", PG_ATTRS);
export const TF_RDS_CLUSTER_PARAMETER_GROUP = tfType("aws_rds_cluster_parameter_group", PG_ATTRS);
export const TF_DB_SNAPSHOT = tfType("aws_db_snapshot", [
  "db_snapshot_identifier", "db_snapshot_arn", "db_instance_identifier", "encrypted", "kms_key_id", "shared_accounts",
]);
export const TF_DB_CLUSTER_SNAPSHOT = tfType("aws_db_cluster_snapshot", [
  "db_cluster_snapshot_identifier", "db_cluster_snapshot_arn", "db_cluster_identifier", "storage_encrypted", "kms_key_id", "shared_accounts",
]);

function parameterGroup(spec: TfTypeSpec<(typeof PG_ATTRS)[number]>, type: string): ResourceMapping {
  return resourceMapping(spec, type, (r, b) => {
    const name = r.get("name") ?? r.get("id");
    b.set("DBParameterGroupName", str(name), "name");
    b.set("Family", str(r.get("family")), "family");
    b.set("Description", str(r.get("description")), "description");
    const items = r.each("parameter");
    if (isUnknown(items)) b.set("Parameters", items, "parameter");
    else {
      const params: Record<string, unknown> = {};
      let unknownName: Unknown | undefined;
      for (const p of items) {
        const n = p.get("parameter.name");
        if (typeof n === "string") params[n] = str(p.get("parameter.value")) ?? "";
        else if (isUnknown(n)) unknownName ??= n;
      }
      // A parameter whose name is not knowable could be any of them: the whole map is unknown then.
      b.set("Parameters", unknownName ?? params, "parameter");
    }
    return { ident: { id: name, name, arn: r.get("arn") }, keys: [name, r.get("id"), r.get("arn")] };
  });
}

export const RDS_EXTRA_MAPPINGS = [
  parameterGroup(TF_DB_PARAMETER_GROUP, RDS_DB_PARAMETER_GROUP_TYPE),
  parameterGroup(TF_RDS_CLUSTER_PARAMETER_GROUP, RDS_DB_CLUSTER_PARAMETER_GROUP_TYPE),
  resourceMapping(TF_DB_SNAPSHOT, RDS_DB_SNAPSHOT_TYPE, (r, b) => {
    const id = r.get("db_snapshot_identifier");
    b.set("DBSnapshotIdentifier", str(id), "db_snapshot_identifier");
    b.set("SourceIdentifier", str(r.get("db_instance_identifier")), "db_instance_identifier");
    b.set("Encrypted", bool(r.get("encrypted")), "encrypted");
    // Computed: a snapshot is encrypted exactly when its DB instance is (RDS user guide).
    b.default("Encrypted", new Unknown("a snapshot's encryption is its DB instance's, known after it is taken", "encrypted"));
    b.set("KmsKeyId", str(r.get("kms_key_id")), "kms_key_id");
    b.set("SharedAccounts", strList(r.get("shared_accounts")), "shared_accounts");
    b.default("SharedAccounts", []); // not shared unless shared_accounts lists accounts (or "all")
    return { ident: { id, name: id, arn: r.get("db_snapshot_arn") }, keys: [id, r.get("db_snapshot_arn")] };
  }),
  resourceMapping(TF_DB_CLUSTER_SNAPSHOT, RDS_DB_CLUSTER_SNAPSHOT_TYPE, (r, b) => {
    const id = r.get("db_cluster_snapshot_identifier");
    b.set("DBSnapshotIdentifier", str(id), "db_cluster_snapshot_identifier");
    b.set("SourceIdentifier", str(r.get("db_cluster_identifier")), "db_cluster_identifier");
    b.set("Encrypted", bool(r.get("storage_encrypted")), "storage_encrypted");
    b.default("Encrypted", new Unknown("a snapshot's encryption is its cluster's, known after it is taken", "storage_encrypted"));
    b.set("KmsKeyId", str(r.get("kms_key_id")), "kms_key_id");
    b.set("SharedAccounts", strList(r.get("shared_accounts")), "shared_accounts");
    b.default("SharedAccounts", []);
    return { ident: { id, name: id, arn: r.get("db_cluster_snapshot_arn") }, keys: [id, r.get("db_cluster_snapshot_arn")] };
  }),
];
