import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, int, obj, str, strArr, typeSchema } from "./schema.js";

/** AWS::CloudFront::Distribution. Config id: the distribution id ("E2ABC..."). */
export const CLOUDFRONT_DISTRIBUTION_TYPE = "AWS::CloudFront::Distribution";

export interface CloudFrontDistributionProps extends CommonProps {
  DistributionConfig: {
    Enabled?: Val<boolean>;
    Aliases?: Val<string[]>;
    Comment?: Val<string>;
    DefaultRootObject?: Val<string>;
    HttpVersion?: Val<string>;
    IPV6Enabled?: Val<boolean>;
    PriceClass?: Val<string>;
    WebACLId?: Val<string>;
    DefaultCacheBehavior?: Record<string, unknown>;
    CacheBehaviors?: Array<Record<string, unknown>>;
    ViewerCertificate?: Record<string, unknown>;
    Logging?: Record<string, unknown>;
    Origins?: Array<Record<string, unknown>>;
    Restrictions?: Record<string, unknown>;
  };
}

const behavior = {
  TargetOriginId: str(),
  ViewerProtocolPolicy: str("allow-all | https-only | redirect-to-https"),
  AllowedMethods: strArr(),
  CachedMethods: strArr(),
  Compress: bool(),
  CachePolicyId: str(),
  OriginRequestPolicyId: str(),
  ResponseHeadersPolicyId: str(),
  FieldLevelEncryptionId: str(),
  RealtimeLogConfigArn: str(),
  TrustedKeyGroups: strArr(),
  FunctionAssociations: arr(obj({ EventType: str(), FunctionARN: str() })),
  LambdaFunctionAssociations: arr(obj({ EventType: str(), LambdaFunctionARN: str(), IncludeBody: bool() })),
};

export const CLOUDFRONT_DISTRIBUTION_SCHEMA = typeSchema({
  type: CLOUDFRONT_DISTRIBUTION_TYPE,
  description: "A CloudFront distribution; props.DistributionConfig in CloudFormation shape.",
  properties: {
    DistributionConfig: obj({
      Enabled: bool(),
      Aliases: strArr(),
      Comment: str(),
      DefaultRootObject: str(),
      HttpVersion: str(),
      IPV6Enabled: bool(),
      PriceClass: str(),
      WebACLId: str("WAFv2: the web ACL ARN; WAF Classic: its id."),
      DefaultCacheBehavior: obj(behavior),
      CacheBehaviors: arr(obj({ PathPattern: str(), ...behavior })),
      ViewerCertificate: obj({
        AcmCertificateArn: str(),
        IamCertificateId: str(),
        CloudFrontDefaultCertificate: bool(),
        MinimumProtocolVersion: str("TLSv1.2_2021, TLSv1.2_2019, TLSv1 ..."),
        SslSupportMethod: str(),
      }),
      Logging: obj({ Bucket: str(), Prefix: str(), IncludeCookies: bool() }),
      Origins: arr(
        obj({
          Id: str(),
          DomainName: str(),
          OriginPath: str(),
          OriginAccessControlId: str(),
          S3OriginConfig: obj({ OriginAccessIdentity: str() }),
          CustomOriginConfig: obj({
            HTTPPort: int(),
            HTTPSPort: int(),
            OriginProtocolPolicy: str(),
            OriginSSLProtocols: strArr(),
          }),
        }),
      ),
      Restrictions: obj({ GeoRestriction: obj({ RestrictionType: str(), Locations: strArr() }) }),
    }),
  },
});

export const CLOUDFRONT_DISTRIBUTION: ResourceTypeInfo = {
  type: CLOUDFRONT_DISTRIBUTION_TYPE,
  schema: CLOUDFRONT_DISTRIBUTION_SCHEMA,
  description: "CloudFront distribution: WAF, viewer protocol, TLS minimum, logging, origins.",
  taggable: true,
};
