import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, obj, str, typeSchema } from "./schema.js";

/** AWS::DynamoDB::Table. Config id: the table name. */
export const DYNAMODB_TABLE_TYPE = "AWS::DynamoDB::Table";

export interface DynamoDbTableProps extends CommonProps {
  TableName?: Val<string>;
  BillingMode?: Val<string>;
  DeletionProtectionEnabled?: Val<boolean>;
  PointInTimeRecoverySpecification?: Val<{ PointInTimeRecoveryEnabled?: Val<boolean> }>;
  SSESpecification?: Val<{ SSEEnabled?: Val<boolean>; SSEType?: Val<string>; KMSMasterKeyId?: Val<string> }>;
  TableClass?: Val<string>;
  StreamSpecification?: { StreamViewType?: Val<string> };
  Replicas?: unknown[];
}

export const DYNAMODB_TABLE_SCHEMA = typeSchema({
  type: DYNAMODB_TABLE_TYPE,
  description: "A DynamoDB table, CloudFormation property names.",
  properties: {
    TableName: str(),
    BillingMode: str("PROVISIONED | PAY_PER_REQUEST"),
    DeletionProtectionEnabled: bool(),
    PointInTimeRecoverySpecification: obj({ PointInTimeRecoveryEnabled: bool() }),
    SSESpecification: obj({
      SSEEnabled: bool("false means the AWS owned key (still encrypted); true means KMS (AWS managed or customer key)."),
      SSEType: str(),
      KMSMasterKeyId: str(),
    }),
    TableClass: str(),
    StreamSpecification: obj({ StreamViewType: str() }),
    Replicas: arr(obj({ Region: str(), KMSMasterKeyId: str(), PointInTimeRecoveryEnabled: bool() })),
  },
});

export const DYNAMODB_TABLE: ResourceTypeInfo = {
  type: DYNAMODB_TABLE_TYPE,
  schema: DYNAMODB_TABLE_SCHEMA,
  description: "DynamoDB table: point-in-time recovery, encryption, deletion protection.",
  taggable: true,
};
