import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { IMAGE_KEY_PREFIX, IMAGE_URL_PREFIX } from '@ticketbooth/core';

/** The distribution's path for event images: /images/<key> is the bucket's images/<key>. */
export const IMAGES_PATH = `${IMAGE_URL_PREFIX}*`;

/** What each function may do to the images: the API sets and replaces them, the worker prints them on tickets. */
export const IMAGE_WRITER_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'];
export const IMAGE_READER_ACTIONS = ['s3:GetObject'];

/**
 * Event cover images: a private bucket of their own (kept as long as events point at them, so no
 * expiry), read by CloudFront through origin access control. Variant keys carry the upload's
 * version and never change, so CloudFront keeps them up to a year.
 */
export class EventImages extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: { accessLogsBucket: s3.IBucket }) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 's3/images/',
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'abort-incomplete-image-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Grants `actions` on the image objects only (the images/ prefix), nothing on the bucket itself. */
  grant(fn: IFunction, actions: string[]): void {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${IMAGE_KEY_PREFIX}*`)] }));
  }

  /**
   * The /images/* behaviour: GET and HEAD only. The managed CachingOptimized policy keys on the path
   * alone (no query string, header or cookie) and keeps an object as long as its own Cache-Control
   * says, up to a year: every variant is written with max-age=31536000, immutable.
   */
  behaviour(): cloudfront.BehaviorOptions {
    return {
      origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      // WebP and JPEG are compressed already.
      compress: false,
    };
  }
}
