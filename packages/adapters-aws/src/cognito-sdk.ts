/**
 * The Cognito SDK, imported by the identity's first account call (sign-up, login, refresh, ...; then
 * from the module cache): checking an access token needs none, so a function starts without making
 * the client or its schemas (a bundler hoists static imports to its start).
 */
export const cognitoSdk = () => import('@aws-sdk/client-cognito-identity-provider');
