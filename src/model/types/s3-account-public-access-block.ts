import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, obj, typeSchema } from "./schema.js";

/** AWS::S3::AccountPublicAccessBlock (an AWS Config type). Config id: the account id. */
export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE = "AWS::S3::AccountPublicAccessBlock";

export interface S3AccountPublicAccessBlockProps extends CommonProps {
  PublicAccessBlockConfiguration?: Val<{
    BlockPublicAcls?: Val<boolean>;
    IgnorePublicAcls?: Val<boolean>;
    BlockPublicPolicy?: Val<boolean>;
    RestrictPublicBuckets?: Val<boolean>;
  }>;
}

export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_SCHEMA = typeSchema({
  type: S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE,
  description: "The account-level S3 Block Public Access settings (the same shape as a bucket's PublicAccessBlockConfiguration).",
  properties: {
    PublicAccessBlockConfiguration: obj({ BlockPublicAcls: bool(), IgnorePublicAcls: bool(), BlockPublicPolicy: bool(), RestrictPublicBuckets: bool() }),
  },
});

export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK: ResourceTypeInfo = {
  type: S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE,
  schema: S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_SCHEMA,
  description: "Account S3 Block Public Access: the four flags.",
  taggable: false,
  singleton: "account",
};
