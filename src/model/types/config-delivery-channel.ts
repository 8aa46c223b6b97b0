import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { obj, str, typeSchema } from "./schema.js";

/** AWS::Config::DeliveryChannel. Id: the channel name (AWS Config does not record this type about itself). */
export const CONFIG_DELIVERY_CHANNEL_TYPE = "AWS::Config::DeliveryChannel";

export interface ConfigDeliveryChannelProps extends CommonProps {
  Name?: Val<string>;
  S3BucketName?: Val<string>;
  S3KeyPrefix?: Val<string>;
  S3KmsKeyArn?: Val<string>;
  SnsTopicARN?: Val<string>;
  ConfigSnapshotDeliveryProperties?: { DeliveryFrequency?: Val<string> };
}

export const CONFIG_DELIVERY_CHANNEL_SCHEMA = typeSchema({
  type: CONFIG_DELIVERY_CHANNEL_TYPE,
  description: "An AWS Config delivery channel, CloudFormation property names.",
  properties: {
    Name: str(),
    S3BucketName: str(),
    S3KeyPrefix: str(),
    S3KmsKeyArn: str(),
    SnsTopicARN: str(),
    ConfigSnapshotDeliveryProperties: obj({ DeliveryFrequency: str() }),
  },
});

export const CONFIG_DELIVERY_CHANNEL: ResourceTypeInfo = {
  type: CONFIG_DELIVERY_CHANNEL_TYPE,
  schema: CONFIG_DELIVERY_CHANNEL_SCHEMA,
  description: "AWS Config delivery channel: S3 bucket, KMS key, SNS topic.",
  taggable: false,
};
