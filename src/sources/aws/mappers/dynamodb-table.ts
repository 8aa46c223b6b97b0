import type { ContinuousBackupsDescription, TableDescription, Tag } from "@aws-sdk/client-dynamodb";
import { DYNAMODB_TABLE_TYPE } from "../../../model/types/dynamodb-table.js";
import { Unknown } from "../../../model/values.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, nonEmpty, tagRecord, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: DescribeTable's Table,
 * DescribeContinuousBackups' ContinuousBackupsDescription and ListTagsOfResource's Tags. A value the
 * collector could not read is an Unknown.
 */
export interface DynamoDbTableShape {
  Table: TableDescription;
  ContinuousBackups: Read<ContinuousBackupsDescription | undefined>;
  Tags: Read<Tag[] | undefined>;
}

/**
 * AWS::DynamoDB::Table. Id: the table name. Documented API defaults applied where DescribeTable omits a
 * summary: no BillingModeSummary means PROVISIONED, no SSEDescription means the AWS owned key
 * (CloudFormation's SSEEnabled false), no TableClassSummary means STANDARD.
 */
export const DYNAMODB_TABLE_MAPPER: TypeMapper<DynamoDbTableShape> = {
  type: DYNAMODB_TABLE_TYPE,
  map({ Table: t, ContinuousBackups, Tags }, scope) {
    const sse = t.SSEDescription;
    // ENABLED, or UPDATING to another KMS key: still KMS-encrypted. DISABLED / DISABLING: back to the owned key.
    const kms = sse !== undefined && (sse.Status === "ENABLED" || sse.Status === "UPDATING" || sse.Status === "ENABLING");
    return liveResource(scope, {
      type: DYNAMODB_TABLE_TYPE,
      id: t.TableName ?? "",
      arn: t.TableArn,
      name: t.TableName,
      region: scope.region,
      tags: tagRecord(Tags),
      props: {
        TableName: t.TableName,
        BillingMode: t.BillingModeSummary?.BillingMode ?? "PROVISIONED",
        DeletionProtectionEnabled: t.DeletionProtectionEnabled,
        PointInTimeRecoverySpecification: mapRead(ContinuousBackups, (cb) => {
          const pitr = cb?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
          // No status at all: DescribeContinuousBackups said nothing about PITR, which is not "off".
          return pitr === undefined
            ? new Unknown("DescribeContinuousBackups returned no point-in-time recovery status", "dynamodb:DescribeContinuousBackups")
            : { PointInTimeRecoveryEnabled: pitr === "ENABLED" };
        }),
        SSESpecification: kms
          ? compact({ SSEEnabled: true, SSEType: sse.SSEType ?? "KMS", KMSMasterKeyId: nonEmpty(sse.KMSMasterKeyArn) })
          : { SSEEnabled: false },
        TableClass: t.TableClassSummary?.TableClass ?? "STANDARD",
        StreamSpecification: t.StreamSpecification?.StreamEnabled ? (compact({ StreamViewType: t.StreamSpecification.StreamViewType }) ?? {}) : undefined,
        Replicas: t.Replicas?.map((r) => compact({ Region: r.RegionName, KMSMasterKeyId: nonEmpty(r.KMSMasterKeyId) }) ?? {}),
      },
    });
  },
};

