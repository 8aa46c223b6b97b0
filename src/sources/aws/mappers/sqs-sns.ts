import { SNS_TOPIC_TYPE } from "../../../model/types/sns-topic.js";
import { SQS_QUEUE_TYPE } from "../../../model/types/sqs-queue.js";
import { Unknown, isUnknown } from "../../../model/values.js";
import type { TypeMapper } from "../contract.js";
import { liveResource, mapRead, nonEmpty, policyFromText, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3) assembled by the collector: the queue URL, GetQueueAttributes
 * (AttributeNames All: a string map, as the API returns it) and ListQueueTags' Tags. A value the collector
 * could not read is an Unknown.
 */
export interface SqsQueueShape {
  QueueUrl: string;
  Attributes: Read<Record<string, string>>;
  Tags: Read<Record<string, string> | undefined>;
}

const bool = (v: string | undefined) => (v === undefined ? undefined : v === "true");
const int = (v: string | undefined) => (v === undefined || v === "" || Number.isNaN(Number(v)) ? undefined : Number(v));

/** AWS::SQS::Queue from GetQueueAttributes. Id: the queue URL (AWS Config's resourceId). */
export const SQS_QUEUE_MAPPER: TypeMapper<SqsQueueShape> = {
  type: SQS_QUEUE_TYPE,
  map({ QueueUrl, Attributes, Tags }, scope) {
    const name = QueueUrl.split("/").pop() ?? QueueUrl;
    const a = (k: string): string | undefined | Unknown => (isUnknown(Attributes) ? Attributes : Attributes[k]);
    const attr = <T>(k: string, fn: (v: string | undefined) => T): T | Unknown => mapRead(a(k), fn);
    const arn = a("QueueArn");
    return liveResource(scope, {
      type: SQS_QUEUE_TYPE,
      id: QueueUrl,
      arn: typeof arn === "string" ? arn : `arn:${scope.partition}:sqs:${scope.region}:${scope.account}:${name}`,
      name,
      region: scope.region,
      tags: Tags ?? {},
      props: {
        QueueName: name,
        QueueUrl,
        FifoQueue: attr("FifoQueue", (v) => v === "true"),
        KmsMasterKeyId: attr("KmsMasterKeyId", nonEmpty),
        KmsDataKeyReusePeriodSeconds: attr("KmsDataKeyReusePeriodSeconds", int),
        SqsManagedSseEnabled: attr("SqsManagedSseEnabled", (v) => bool(v) ?? false),
        MessageRetentionPeriod: attr("MessageRetentionPeriod", int),
        RedrivePolicy: attr("RedrivePolicy", (v) => {
          if (!v) return undefined;
          try {
            return JSON.parse(v) as Record<string, unknown>;
          } catch {
            return new Unknown("the queue's RedrivePolicy is not valid JSON");
          }
        }),
        Policy: mapRead(a("Policy"), (v) => policyFromText(nonEmpty(v))),
      },
    });
  },
};

/**
 * The describe-API shape (SDK v3) assembled by the collector: the topic ARN, GetTopicAttributes'
 * string map and ListTagsForResource's tags. A value the collector could not read is an Unknown.
 */
export interface SnsTopicShape {
  TopicArn: string;
  Attributes: Read<Record<string, string>>;
  Tags: Read<Record<string, string> | undefined>;
}

/** AWS::SNS::Topic from GetTopicAttributes. Id and ARN: the topic ARN. */
export const SNS_TOPIC_MAPPER: TypeMapper<SnsTopicShape> = {
  type: SNS_TOPIC_TYPE,
  map({ TopicArn, Attributes, Tags }, scope) {
    const name = TopicArn.split(":").pop() ?? TopicArn;
    const attr = <T>(k: string, fn: (v: string | undefined) => T): T | Unknown => (isUnknown(Attributes) ? Attributes : fn(Attributes[k]));
    return liveResource(scope, {
      type: SNS_TOPIC_TYPE,
      id: TopicArn,
      arn: TopicArn,
      name,
      region: scope.region,
      tags: Tags ?? {},
      props: {
        TopicName: name,
        DisplayName: attr("DisplayName", nonEmpty),
        FifoTopic: attr("FifoTopic", (v) => v === "true"),
        KmsMasterKeyId: attr("KmsMasterKeyId", nonEmpty),
        Policy: attr("Policy", (v) => policyFromText(nonEmpty(v))),
      },
    });
  },
};
