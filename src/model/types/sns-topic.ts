import type { CommonProps, PolicyDoc, ResourceTypeInfo, Val } from "./common.js";
import { bool, policyDocument, str, typeSchema } from "./schema.js";

/** AWS::SNS::Topic. Config id: the topic ARN. */
export const SNS_TOPIC_TYPE = "AWS::SNS::Topic";

export interface SnsTopicProps extends CommonProps {
  TopicName?: Val<string>;
  DisplayName?: Val<string>;
  FifoTopic?: Val<boolean>;
  KmsMasterKeyId?: Val<string>;
  Policy?: PolicyDoc;
}

export const SNS_TOPIC_SCHEMA = typeSchema({
  type: SNS_TOPIC_TYPE,
  description: "An SNS topic with its access policy merged in, CloudFormation property names.",
  properties: {
    TopicName: str(),
    DisplayName: str(),
    FifoTopic: bool(),
    KmsMasterKeyId: str("SSE key (id, ARN or alias); absent means the topic is not encrypted at rest."),
    Policy: policyDocument("Normalized extra: the topic policy (inline `policy` or aws_sns_topic_policy)."),
  },
});

export const SNS_TOPIC: ResourceTypeInfo = {
  type: SNS_TOPIC_TYPE,
  schema: SNS_TOPIC_SCHEMA,
  description: "SNS topic: encryption at rest and access policy.",
  taggable: true,
};
