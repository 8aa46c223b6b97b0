import { normalizePolicyDocument } from "../../../model/policy-document.js";
import { SNS_TOPIC_TYPE } from "../../../model/types/sns-topic.js";
import { SQS_QUEUE_TYPE } from "../../../model/types/sqs-queue.js";
import { isUnknown, parseJsonText } from "../../../model/values.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { bool, num, str, tfType } from "./tf-reader.js";

/**
 * aws_sqs_queue (+ aws_sqs_queue_policy) → AWS::SQS::Queue (id: the queue URL), aws_sns_topic
 * (+ aws_sns_topic_policy) → AWS::SNS::Topic (id: the topic ARN). The inline `policy` is the v3 style
 * (and, in state, a computed mirror); the split policy resource replaces it.
 */
export const TF_SQS_QUEUE = tfType("aws_sqs_queue", [
  "name", "id", "url", "arn", "fifo_queue", "kms_master_key_id", "kms_data_key_reuse_period_seconds", "sqs_managed_sse_enabled",
  "message_retention_seconds", "redrive_policy", "policy",
]);
export const TF_SQS_QUEUE_POLICY = tfType("aws_sqs_queue_policy", ["queue_url", "policy"]);
export const TF_SNS_TOPIC = tfType("aws_sns_topic", ["name", "id", "arn", "display_name", "fifo_topic", "kms_master_key_id", "policy"]);
export const TF_SNS_TOPIC_POLICY = tfType("aws_sns_topic_policy", ["arn", "policy"]);

export const SQS_QUEUE_MAPPING = resourceMapping(TF_SQS_QUEUE, SQS_QUEUE_TYPE, (r, b) => {
  const name = r.get("name");
  const url = r.get("url") ?? r.get("id");
  b.set("QueueName", str(name), "name");
  b.set("QueueUrl", str(url), "url");
  b.set("FifoQueue", bool(r.get("fifo_queue")), "fifo_queue");
  b.default("FifoQueue", false); // provider docs: fifo_queue "Default is false"
  const key = str(r.get("kms_master_key_id"));
  b.set("KmsMasterKeyId", key, "kms_master_key_id");
  b.set("KmsDataKeyReusePeriodSeconds", num(r.get("kms_data_key_reuse_period_seconds")), "kms_data_key_reuse_period_seconds");
  b.set("SqsManagedSseEnabled", bool(r.get("sqs_managed_sse_enabled")), "sqs_managed_sse_enabled");
  // SQS enables SSE-SQS on every new queue unless SSE-KMS is chosen (SQS developer guide, "Encryption at
  // rest": SSE-SQS is the default since 2022-10); a key makes it SSE-KMS instead.
  if (key === undefined) b.default("SqsManagedSseEnabled", true);
  else if (!isUnknown(key)) b.default("SqsManagedSseEnabled", false);
  b.set("MessageRetentionPeriod", num(r.get("message_retention_seconds")), "message_retention_seconds");
  const redrive = parseJsonText(r.get("redrive_policy"), "redrive_policy");
  if (redrive !== undefined) b.set("RedrivePolicy", isUnknown(redrive) ? redrive : redrive.json, "redrive_policy");
  b.set("Policy", normalizePolicyDocument(r.get("policy")), "policy");
  return { ident: { id: url, name, arn: r.get("arn") }, keys: [url, r.get("id"), name, r.get("arn")] };
});

export const SNS_TOPIC_MAPPING = resourceMapping(TF_SNS_TOPIC, SNS_TOPIC_TYPE, (r, b) => {
  const name = r.get("name");
  const arn = r.get("arn") ?? r.get("id");
  b.set("TopicName", str(name), "name");
  b.set("DisplayName", str(r.get("display_name")), "display_name");
  b.set("FifoTopic", bool(r.get("fifo_topic")), "fifo_topic");
  b.default("FifoTopic", false); // provider docs: fifo_topic "Default is false"
  b.set("KmsMasterKeyId", str(r.get("kms_master_key_id")), "kms_master_key_id");
  b.set("Policy", normalizePolicyDocument(r.get("policy")), "policy");
  return { ident: { id: arn, name, arn }, keys: [arn, r.get("id"), name] };
});

export const SQS_SNS_CHILD_MAPPINGS = [
  childMapping(TF_SQS_QUEUE_POLICY, SQS_QUEUE_TYPE, ["queue_url"], (r, b, inst) => {
    b.set("Policy", normalizePolicyDocument(r.get("policy")), "policy", inst);
  }),
  childMapping(TF_SNS_TOPIC_POLICY, SNS_TOPIC_TYPE, ["arn"], (r, b, inst) => {
    b.set("Policy", normalizePolicyDocument(r.get("policy")), "policy", inst);
  }),
];
