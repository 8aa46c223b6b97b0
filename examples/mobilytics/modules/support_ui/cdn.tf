locals {
  origin_id = "support-ui-s3"

  # AWS managed policies: CachingOptimized and SecurityHeadersPolicy.
  cache_policy_id            = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  response_headers_policy_id = "67f7725c-6f97-4210-82d7-5512b31e9d03"
}

resource "aws_acm_certificate" "this" {
  provider = aws.us_east_1

  domain_name       = var.hostname
  validation_method = "DNS"

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudfront_origin_access_control" "this" {
  name                              = "${var.name_prefix}-support-ui"
  description                       = "Support UI bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  is_ipv6_enabled     = true
  comment             = "${var.name_prefix} support UI"
  default_root_object = "index.html"
  aliases             = [var.hostname]
  price_class         = "PriceClass_100"
  web_acl_id          = aws_wafv2_web_acl.this.arn

  origin {
    origin_id                = local.origin_id
    domain_name              = aws_s3_bucket.site.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  default_cache_behavior {
    target_origin_id           = local.origin_id
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.cache_policy_id
    response_headers_policy_id = local.response_headers_policy_id
  }

  # Single-page app: unknown paths render index.html.
  custom_error_response {
    error_code         = 403
    response_code      = 200
    response_page_path = "/index.html"
  }

  dynamic "logging_config" {
    for_each = var.access_logging ? [aws_s3_bucket.logs.bucket_domain_name] : []

    content {
      bucket          = logging_config.value
      prefix          = "cloudfront/support-ui/"
      include_cookies = false
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.this.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = merge(var.tags, { Name = "${var.name_prefix}-support-ui" })
}
