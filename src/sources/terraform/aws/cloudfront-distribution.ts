import { CLOUDFRONT_DISTRIBUTION_TYPE } from "../../../model/types/cloudfront-distribution.js";
import { isUnknown } from "../../../model/values.js";
import { resourceMapping } from "./mapping.js";
import { bool, compact, mapEach, num, str, strList, tfType, type TfReader } from "./tf-reader.js";

/** aws_cloudfront_distribution → AWS::CloudFront::Distribution (DistributionConfig in CloudFormation shape). Id: the distribution id. */
export const TF_CLOUDFRONT_DISTRIBUTION = tfType("aws_cloudfront_distribution", [
  "id", "arn", "enabled", "aliases", "comment", "default_root_object", "http_version", "is_ipv6_enabled", "price_class", "web_acl_id",
  "default_cache_behavior", "default_cache_behavior.target_origin_id", "default_cache_behavior.viewer_protocol_policy",
  "default_cache_behavior.allowed_methods", "default_cache_behavior.cached_methods", "default_cache_behavior.compress",
  "default_cache_behavior.cache_policy_id", "default_cache_behavior.origin_request_policy_id",
  "default_cache_behavior.response_headers_policy_id", "default_cache_behavior.field_level_encryption_id",
  "default_cache_behavior.realtime_log_config_arn", "default_cache_behavior.trusted_key_groups",
  "default_cache_behavior.function_association", "default_cache_behavior.function_association.event_type",
  "default_cache_behavior.function_association.function_arn", "default_cache_behavior.lambda_function_association",
  "default_cache_behavior.lambda_function_association.event_type", "default_cache_behavior.lambda_function_association.lambda_arn",
  "default_cache_behavior.lambda_function_association.include_body",
  "ordered_cache_behavior", "ordered_cache_behavior.path_pattern", "ordered_cache_behavior.target_origin_id",
  "ordered_cache_behavior.viewer_protocol_policy", "ordered_cache_behavior.allowed_methods", "ordered_cache_behavior.cached_methods",
  "ordered_cache_behavior.compress", "ordered_cache_behavior.cache_policy_id", "ordered_cache_behavior.origin_request_policy_id",
  "ordered_cache_behavior.response_headers_policy_id", "ordered_cache_behavior.field_level_encryption_id",
  "ordered_cache_behavior.realtime_log_config_arn", "ordered_cache_behavior.trusted_key_groups",
  "ordered_cache_behavior.function_association", "ordered_cache_behavior.function_association.event_type",
  "ordered_cache_behavior.function_association.function_arn", "ordered_cache_behavior.lambda_function_association",
  "ordered_cache_behavior.lambda_function_association.event_type", "ordered_cache_behavior.lambda_function_association.lambda_arn",
  "ordered_cache_behavior.lambda_function_association.include_body",
  "viewer_certificate", "viewer_certificate.acm_certificate_arn", "viewer_certificate.iam_certificate_id",
  "viewer_certificate.cloudfront_default_certificate", "viewer_certificate.minimum_protocol_version",
  "viewer_certificate.ssl_support_method",
  "logging_config", "logging_config.bucket", "logging_config.prefix", "logging_config.include_cookies",
  "origin", "origin.origin_id", "origin.domain_name", "origin.origin_path", "origin.origin_access_control_id",
  "origin.s3_origin_config", "origin.s3_origin_config.origin_access_identity", "origin.custom_origin_config",
  "origin.custom_origin_config.http_port", "origin.custom_origin_config.https_port",
  "origin.custom_origin_config.origin_protocol_policy", "origin.custom_origin_config.origin_ssl_protocols",
  "restrictions.geo_restriction.restriction_type", "restrictions.geo_restriction.locations",
]);

type P = (typeof TF_CLOUDFRONT_DISTRIBUTION.attrs)[number];
type Behaviour = "default_cache_behavior" | "ordered_cache_behavior";

/** One cache behaviour; `base` is the block it is read from (the default or an ordered one). */
function behaviour(x: TfReader<P>, base: Behaviour) {
  const g = (f: string) => x.get(`${base}.${f}` as P);
  return compact({
    PathPattern: base === "ordered_cache_behavior" ? str(g("path_pattern")) : undefined,
    TargetOriginId: str(g("target_origin_id")),
    ViewerProtocolPolicy: str(g("viewer_protocol_policy")),
    AllowedMethods: strList(g("allowed_methods")),
    CachedMethods: strList(g("cached_methods")),
    Compress: bool(g("compress")),
    CachePolicyId: str(g("cache_policy_id")),
    OriginRequestPolicyId: str(g("origin_request_policy_id")),
    ResponseHeadersPolicyId: str(g("response_headers_policy_id")),
    FieldLevelEncryptionId: str(g("field_level_encryption_id")),
    RealtimeLogConfigArn: str(g("realtime_log_config_arn")),
    TrustedKeyGroups: strList(g("trusted_key_groups")),
    FunctionAssociations: mapEach(x, `${base}.function_association` as P, (f) =>
      compact({ EventType: str(f.get(`${base}.function_association.event_type` as P)), FunctionARN: str(f.get(`${base}.function_association.function_arn` as P)) }) ?? {},
    ),
    LambdaFunctionAssociations: mapEach(x, `${base}.lambda_function_association` as P, (f) =>
      compact({
        EventType: str(f.get(`${base}.lambda_function_association.event_type` as P)),
        LambdaFunctionARN: str(f.get(`${base}.lambda_function_association.lambda_arn` as P)),
        IncludeBody: bool(f.get(`${base}.lambda_function_association.include_body` as P)),
      }) ?? {},
    ),
  });
}

export const CLOUDFRONT_DISTRIBUTION_MAPPING = resourceMapping(TF_CLOUDFRONT_DISTRIBUTION, CLOUDFRONT_DISTRIBUTION_TYPE, (r, b) => {
  const dcb = r.block("default_cache_behavior");
  const cert = r.block("viewer_certificate");
  const logging = r.block("logging_config");
  const config = compact({
    Enabled: bool(r.get("enabled")),
    Aliases: strList(r.get("aliases")),
    Comment: str(r.get("comment")),
    DefaultRootObject: str(r.get("default_root_object")),
    HttpVersion: str(r.get("http_version")),
    IPV6Enabled: bool(r.get("is_ipv6_enabled")),
    PriceClass: str(r.get("price_class")),
    WebACLId: str(r.get("web_acl_id")),
    DefaultCacheBehavior: isUnknown(dcb) ? dcb : dcb && behaviour(dcb, "default_cache_behavior"),
    CacheBehaviors: mapEach(r, "ordered_cache_behavior", (x) => behaviour(x, "ordered_cache_behavior") ?? {}),
    ViewerCertificate: isUnknown(cert)
      ? cert
      : cert &&
        compact({
          AcmCertificateArn: str(cert.get("viewer_certificate.acm_certificate_arn")),
          IamCertificateId: str(cert.get("viewer_certificate.iam_certificate_id")),
          CloudFrontDefaultCertificate: bool(cert.get("viewer_certificate.cloudfront_default_certificate")),
          // Provider docs: minimum_protocol_version "Default: TLSv1"; with the default certificate
          // CloudFront always uses TLSv1 whatever is set.
          MinimumProtocolVersion: str(cert.get("viewer_certificate.minimum_protocol_version")) ?? "TLSv1",
          SslSupportMethod: str(cert.get("viewer_certificate.ssl_support_method")),
        }),
    Logging: isUnknown(logging)
      ? logging
      : logging &&
        compact({
          Bucket: str(logging.get("logging_config.bucket")),
          Prefix: str(logging.get("logging_config.prefix")),
          IncludeCookies: bool(logging.get("logging_config.include_cookies")),
        }),
    Origins: mapEach(r, "origin", (o) => {
      const s3 = o.block("origin.s3_origin_config");
      const custom = o.block("origin.custom_origin_config");
      return (
        compact({
          Id: str(o.get("origin.origin_id")),
          DomainName: str(o.get("origin.domain_name")),
          OriginPath: str(o.get("origin.origin_path")),
          OriginAccessControlId: str(o.get("origin.origin_access_control_id")),
          S3OriginConfig: isUnknown(s3) ? s3 : s3 && (compact({ OriginAccessIdentity: str(s3.get("origin.s3_origin_config.origin_access_identity")) }) ?? {}),
          CustomOriginConfig: isUnknown(custom)
            ? custom
            : custom &&
              compact({
                HTTPPort: num(custom.get("origin.custom_origin_config.http_port")),
                HTTPSPort: num(custom.get("origin.custom_origin_config.https_port")),
                OriginProtocolPolicy: str(custom.get("origin.custom_origin_config.origin_protocol_policy")),
                OriginSSLProtocols: strList(custom.get("origin.custom_origin_config.origin_ssl_protocols")),
              }),
        }) ?? {}
      );
    }),
    Restrictions: compact({
      GeoRestriction: compact({
        RestrictionType: str(r.get("restrictions.geo_restriction.restriction_type")),
        Locations: strList(r.get("restrictions.geo_restriction.locations")),
      }),
    }),
  });
  b.set("DistributionConfig", config ?? {}, "default_cache_behavior");
  // Prop locations are per top-level prop; DistributionConfig.WebACLId is the one findings most often
  // point at, so prefer its line when the author set it.
  if (r.get("web_acl_id") !== undefined) b.set("DistributionConfig", config ?? {}, "web_acl_id");
  return { ident: { id: r.get("id"), arn: r.get("arn") }, keys: [r.get("id"), r.get("arn")] };
});
