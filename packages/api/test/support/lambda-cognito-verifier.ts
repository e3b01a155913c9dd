import type { JwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';

/** The issuer domain startCognitoLocal (adapters-aws/test/support/cognito-local.ts) configures. */
const COGNITO_LOCAL_ISSUER_DOMAIN = 'https://cognito-idp.local.amazonaws.com';

export interface CognitoVerifierRequest {
  userPoolId: string;
  clientId: string;
  tokenUse: string;
}

/**
 * Stands in for aws-jwt-verify's `CognitoJwtVerifier`, which cannot work against cognito-local:
 * it refuses cognito-local's pool ids (`local_…` is not `<region>_…`), expects the issuer
 * `https://cognito-idp.<region>.amazonaws.com/<pool>` and fetches the JWKS from there over HTTPS.
 * This keeps every check it makes — RS256 signature against the pool's JWKS (cognito-local's own),
 * expiry, issuer bound to the pool id, client_id and token_use — using aws-jwt-verify's generic
 * JwtVerifier, and records what it was created with so the test can check the wiring.
 */
export function cognitoLocalJwtVerifier(real: { JwtVerifier: typeof JwtVerifier }, requests: CognitoVerifierRequest[]) {
  return {
    create(props: CognitoVerifierRequest) {
      requests.push({ userPoolId: props.userPoolId, clientId: props.clientId, tokenUse: props.tokenUse });
      const verifier = real.JwtVerifier.create({
        issuer: `${COGNITO_LOCAL_ISSUER_DOMAIN}/${props.userPoolId}`,
        audience: null,
        customJwtCheck: ({ payload }) => {
          if (payload.client_id !== props.clientId) throw new Error('The token was issued to another app client.');
          if (payload.token_use !== props.tokenUse) throw new Error(`Not an ${props.tokenUse} token.`);
        },
      });
      let jwksLoaded: Promise<void> | undefined;
      const loadJwks = async (): Promise<void> => {
        const endpoint = process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
        const response = await fetch(`${endpoint}/${props.userPoolId}/.well-known/jwks.json`);
        if (!response.ok) throw new Error(`cognito-local answered ${response.status} for the JWKS.`);
        verifier.cacheJwks((await response.json()) as Jwks);
      };
      return {
        async verify(token: string): Promise<{ sub: string }> {
          jwksLoaded ??= loadJwks().catch((error: unknown) => {
            jwksLoaded = undefined;
            throw error;
          });
          await jwksLoaded;
          const { sub } = await verifier.verify(token);
          if (!sub) throw new Error('The token has no subject.');
          return { sub };
        },
      };
    },
  };
}
