import type { CommonProps, PolicyDoc, ResourceTypeInfo, Val } from "./common.js";
import { bool, int, policyDocument, str, typeSchema } from "./schema.js";

/** AWS::SQS::Queue. Config id: the queue URL; resourceName is the queue name. */
export const SQS_QUEUE_TYPE = "AWS::SQS::Queue";

export interface SqsQueueProps extends CommonProps {
  QueueName?: Val<string>;
  QueueUrl?: Val<string>;
  FifoQueue?: Val<boolean>;
  KmsMasterKeyId?: Val<string>;
  KmsDataKeyReusePeriodSeconds?: Val<number>;
  SqsManagedSseEnabled?: Val<boolean>;
  MessageRetentionPeriod?: Val<number>;
  RedrivePolicy?: Val<Record<string, unknown>>;
  Policy?: PolicyDoc;
}

export const SQS_QUEUE_SCHEMA = typeSchema({
  type: SQS_QUEUE_TYPE,
  description: "An SQS queue with its access policy merged in, CloudFormation property names.",
  properties: {
    QueueName: str(),
    QueueUrl: str("Normalized extra: the queue URL (Config's resourceId)."),
    FifoQueue: bool(),
    KmsMasterKeyId: str("SSE-KMS key (id, ARN or alias); set means SSE-KMS."),
    KmsDataKeyReusePeriodSeconds: int(),
    SqsManagedSseEnabled: bool("SSE-SQS (an SQS owned key); the provider default for new queues is true."),
    MessageRetentionPeriod: int(),
    RedrivePolicy: { type: "object", description: "{deadLetterTargetArn, maxReceiveCount}" },
    Policy: policyDocument("Normalized extra: the queue policy (inline `policy` or aws_sqs_queue_policy)."),
  },
});

export const SQS_QUEUE: ResourceTypeInfo = {
  type: SQS_QUEUE_TYPE,
  schema: SQS_QUEUE_SCHEMA,
  description: "SQS queue: encryption at rest and access policy.",
  taggable: true,
};
