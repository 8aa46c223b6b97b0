import { DYNAMODB_TABLE_TYPE } from "../../../model/types/dynamodb-table.js";
import { isUnknown } from "../../../model/values.js";
import { resourceMapping } from "./mapping.js";
import { bool, compact, mapEach, str, tfType } from "./tf-reader.js";

/** aws_dynamodb_table → AWS::DynamoDB::Table. Id: the table name. */
export const TF_DYNAMODB_TABLE = tfType("aws_dynamodb_table", [
  "name", "arn", "billing_mode", "deletion_protection_enabled", "point_in_time_recovery", "point_in_time_recovery.enabled",
  "server_side_encryption", "server_side_encryption.enabled", "server_side_encryption.kms_key_arn", "table_class",
  "stream_enabled", "stream_view_type", "replica", "replica.region_name", "replica.kms_key_arn", "replica.point_in_time_recovery",
]);

export const DYNAMODB_TABLE_MAPPING = resourceMapping(TF_DYNAMODB_TABLE, DYNAMODB_TABLE_TYPE, (r, b) => {
  const name = r.get("name");
  b.set("TableName", str(name), "name");
  b.set("BillingMode", str(r.get("billing_mode")), "billing_mode");
  b.default("BillingMode", "PROVISIONED"); // provider docs: billing_mode "Defaults to PROVISIONED"
  b.set("DeletionProtectionEnabled", bool(r.get("deletion_protection_enabled")), "deletion_protection_enabled");
  b.default("DeletionProtectionEnabled", false); // DynamoDB CreateTable: deletion protection off unless set
  const pitr = r.block("point_in_time_recovery");
  b.set(
    "PointInTimeRecoverySpecification",
    isUnknown(pitr) ? pitr : pitr && compact({ PointInTimeRecoveryEnabled: bool(pitr.get("point_in_time_recovery.enabled")) }),
    "point_in_time_recovery",
  );
  // No point_in_time_recovery block: PITR is off (DynamoDB default; provider docs "enabled ... Default false").
  b.default("PointInTimeRecoverySpecification", { PointInTimeRecoveryEnabled: false });
  const sse = r.block("server_side_encryption");
  if (isUnknown(sse)) b.set("SSESpecification", sse, "server_side_encryption");
  else if (sse) {
    const enabled = bool(sse.get("server_side_encryption.enabled"));
    const key = str(sse.get("server_side_encryption.kms_key_arn"));
    b.set(
      "SSESpecification",
      compact({ SSEEnabled: enabled, SSEType: enabled === true ? "KMS" : undefined, KMSMasterKeyId: key }),
      "server_side_encryption",
    );
  }
  // No server_side_encryption block: the table is encrypted with an AWS owned key (DynamoDB
  // "Encryption at rest"), which CloudFormation expresses as SSEEnabled false.
  b.default("SSESpecification", { SSEEnabled: false });
  b.set("TableClass", str(r.get("table_class")), "table_class");
  if (r.get("stream_enabled") === true) {
    b.set("StreamSpecification", compact({ StreamViewType: str(r.get("stream_view_type")) }) ?? {}, "stream_enabled");
  }
  b.set(
    "Replicas",
    mapEach(r, "replica", (x) =>
      compact({
        Region: str(x.get("replica.region_name")),
        KMSMasterKeyId: str(x.get("replica.kms_key_arn")),
        PointInTimeRecoveryEnabled: bool(x.get("replica.point_in_time_recovery")),
      }) ?? {},
    ),
    "replica",
  );
  return { ident: { id: name, name, arn: r.get("arn") }, keys: [name, r.get("arn")] };
});
