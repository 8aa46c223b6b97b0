import type {
  CacheBehavior,
  DefaultCacheBehavior,
  DistributionConfig,
  DistributionSummary,
  Origin,
  Tag,
} from "@aws-sdk/client-cloudfront";
import { CLOUDFRONT_DISTRIBUTION_TYPE } from "../../../model/types/cloudfront-distribution.js";
import { isArn } from "../../../model/arn.js";
import { Unknown, isUnknown } from "../../../model/values.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, nonEmpty, tagRecord, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: the ListDistributions summary,
 * the distribution's GetDistributionConfig DistributionConfig (for what the summary lacks: Logging and
 * DefaultRootObject; moto's summaries lack nearly everything), and ListTagsForResource's tags. A value the
 * collector could not read is an Unknown; with the config unreadable, what the summary carries still maps.
 */
export interface CloudFrontDistributionShape {
  Summary: DistributionSummary;
  Config: Read<DistributionConfig | undefined>;
  Tags: Read<Tag[] | undefined>;
}

type Behavior = DefaultCacheBehavior | CacheBehavior;

function behavior(b: Behavior | undefined): Record<string, unknown> | undefined {
  if (!b) return undefined;
  return compact({
    PathPattern: "PathPattern" in b ? b.PathPattern : undefined,
    TargetOriginId: b.TargetOriginId,
    ViewerProtocolPolicy: b.ViewerProtocolPolicy,
    AllowedMethods: b.AllowedMethods?.Items,
    CachedMethods: b.AllowedMethods?.CachedMethods?.Items,
    Compress: b.Compress,
    CachePolicyId: nonEmpty(b.CachePolicyId),
    OriginRequestPolicyId: nonEmpty(b.OriginRequestPolicyId),
    ResponseHeadersPolicyId: nonEmpty(b.ResponseHeadersPolicyId),
    FieldLevelEncryptionId: nonEmpty(b.FieldLevelEncryptionId),
    RealtimeLogConfigArn: nonEmpty(b.RealtimeLogConfigArn),
    TrustedKeyGroups: b.TrustedKeyGroups ? (b.TrustedKeyGroups.Items ?? []) : undefined,
    FunctionAssociations: b.FunctionAssociations?.Items?.map((f) => compact({ EventType: f.EventType, FunctionARN: f.FunctionARN }) ?? {}),
    LambdaFunctionAssociations: b.LambdaFunctionAssociations?.Items?.map(
      (f) => compact({ EventType: f.EventType, LambdaFunctionARN: f.LambdaFunctionARN, IncludeBody: f.IncludeBody }) ?? {},
    ),
  });
}

function origin(o: Origin): Record<string, unknown> {
  const custom = o.CustomOriginConfig;
  return (
    compact({
      Id: o.Id,
      DomainName: o.DomainName,
      OriginPath: nonEmpty(o.OriginPath),
      OriginAccessControlId: nonEmpty(o.OriginAccessControlId),
      S3OriginConfig: o.S3OriginConfig && (compact({ OriginAccessIdentity: nonEmpty(o.S3OriginConfig.OriginAccessIdentity) }) ?? {}),
      CustomOriginConfig:
        custom &&
        compact({
          HTTPPort: custom.HTTPPort,
          HTTPSPort: custom.HTTPSPort,
          OriginProtocolPolicy: custom.OriginProtocolPolicy,
          OriginSSLProtocols: custom.OriginSslProtocols?.Items,
        }),
    }) ?? {}
  );
}

/** The parts DistributionConfig and DistributionSummary share, in the API's spelling. */
type Common = Pick<
  DistributionConfig,
  | "Aliases" | "Comment" | "Enabled" | "HttpVersion" | "IsIPV6Enabled" | "PriceClass" | "WebACLId" | "DefaultCacheBehavior"
  | "CacheBehaviors" | "ViewerCertificate" | "Origins" | "Restrictions"
>;

function commonConfig(c: Common): Record<string, unknown> {
  const cert = c.ViewerCertificate;
  const geo = c.Restrictions?.GeoRestriction;
  return {
    Enabled: c.Enabled,
    Aliases: c.Aliases?.Items ?? (c.Aliases ? [] : undefined),
    Comment: nonEmpty(c.Comment),
    HttpVersion: c.HttpVersion,
    IPV6Enabled: c.IsIPV6Enabled,
    PriceClass: c.PriceClass,
    // "" is how CloudFront says "no web ACL".
    WebACLId: nonEmpty(c.WebACLId),
    DefaultCacheBehavior: behavior(c.DefaultCacheBehavior),
    CacheBehaviors: c.CacheBehaviors ? (c.CacheBehaviors.Items ?? []).map((b) => behavior(b) ?? {}) : undefined,
    ViewerCertificate:
      cert &&
      compact({
        AcmCertificateArn: nonEmpty(cert.ACMCertificateArn),
        IamCertificateId: nonEmpty(cert.IAMCertificateId),
        CloudFrontDefaultCertificate: cert.CloudFrontDefaultCertificate,
        MinimumProtocolVersion: cert.MinimumProtocolVersion,
        SslSupportMethod: cert.SSLSupportMethod,
      }),
    Origins: c.Origins ? (c.Origins.Items ?? []).map(origin) : undefined,
    Restrictions: geo && { GeoRestriction: compact({ RestrictionType: geo.RestrictionType, Locations: geo.Items ?? [] }) },
  };
}

/**
 * AWS::CloudFront::Distribution, props.DistributionConfig in CloudFormation's shape (the API wraps lists
 * in {Quantity, Items}). Id: the distribution id. Logging is set only when enabled (the API returns a
 * disabled Logging block with an empty bucket for "no logging", as Terraform has no logging_config).
 */
export const CLOUDFRONT_DISTRIBUTION_MAPPER: TypeMapper<CloudFrontDistributionShape> = {
  type: CLOUDFRONT_DISTRIBUTION_TYPE,
  map({ Summary: s, Config, Tags }, scope) {
    const id = s.Id ?? "";
    let config: Record<string, unknown>;
    if (Config !== undefined && !isUnknown(Config)) {
      const log = Config.Logging;
      config = {
        ...commonConfig(Config),
        DefaultRootObject: nonEmpty(Config.DefaultRootObject),
        Logging: log?.Enabled ? compact({ Bucket: nonEmpty(log.Bucket), Prefix: nonEmpty(log.Prefix), IncludeCookies: log.IncludeCookies }) : undefined,
      };
    } else {
      // Only the summary: what it lacks is not knowable, never "not set".
      const why = isUnknown(Config) ? Config : new Unknown("the distribution's configuration was not read", "cloudfront:GetDistributionConfig");
      config = { ...commonConfig(s), DefaultRootObject: why, Logging: why };
    }
    for (const k of Object.keys(config)) if (config[k] === undefined) delete config[k];
    return liveResource(scope, {
      type: CLOUDFRONT_DISTRIBUTION_TYPE,
      id,
      // CloudFront ARNs have an empty region; moto returns one without that field, so rebuild an invalid one.
      arn: isArn(s.ARN) ? s.ARN : `arn:${scope.partition}:cloudfront::${scope.account}:distribution/${id}`,
      region: scope.region,
      tags: tagRecord(Tags),
      props: { DistributionConfig: config },
    });
  },
};
