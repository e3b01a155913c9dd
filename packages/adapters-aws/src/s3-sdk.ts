/**
 * The S3 SDK's commands, imported by an adapter's first call (then from the module cache): a function
 * that seldom touches S3 starts without loading the package (a bundler hoists static imports to its start).
 */
export const s3Sdk = () => import('@aws-sdk/client-s3');
