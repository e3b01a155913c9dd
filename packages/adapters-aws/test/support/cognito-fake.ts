import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake answered: the operation (X-Amz-Target without its service prefix) and its JSON input. */
export interface FakeCognitoCall {
  operation: string;
  input: Record<string, unknown>;
}

interface FakeUser {
  sub: string;
  password: string;
  resetCode: { code: string; expired: boolean } | null;
}

interface Session {
  email: string;
  signedOut: boolean;
}

export interface FakeCognito {
  endpoint: string;
  calls: FakeCognitoCall[];
  /** Codes "mailed" by ForgotPassword, newest last (Cognito sends them itself). */
  mailedCodes: Array<{ email: string; code: string }>;
  /** A confirmed user with a verified email; returns its sub. */
  addUser(email: string, password: string): string;
  /** Whether an access token was issued by the fake (what an offline JWT check can tell: not whether it was signed out). */
  issued(accessToken: string): string | null;
  /** The user's outstanding reset code outlives its hour. */
  expireResetCode(email: string): void;
  /** The next call of `operation` answers this Cognito exception instead. */
  failNext(operation: string, exception: string, message: string): void;
  stop(): Promise<void>;
}

/** Cognito's minimum password policy as the stack sets it (8 characters). */
const MIN_PASSWORD_LENGTH = 8;

/**
 * The Cognito user-pool operations the identity uses for recovery, on 127.0.0.1, in the AWS JSON 1.1
 * protocol the SDK speaks (POST /, X-Amz-Target, errors as `__type`). Modelled on Cognito's
 * documented behaviour: ConfirmForgotPassword and ChangePassword set the password and end no
 * session; GlobalSignOut ends every refresh token of the user and the access tokens' use at Cognito.
 */
export async function startFakeCognito(): Promise<FakeCognito> {
  const users = new Map<string, FakeUser>();
  const refreshTokens = new Map<string, Session>();
  const accessTokens = new Map<string, Session>();
  const calls: FakeCognitoCall[] = [];
  const mailedCodes: Array<{ email: string; code: string }> = [];
  const failures = new Map<string, { exception: string; message: string }>();

  class CognitoError extends Error {
    constructor(
      readonly type: string,
      message: string,
    ) {
      super(message);
    }
  }
  const token = (kind: string) => `${kind}-${randomBytes(12).toString('base64url')}`;
  const userOf = (email: unknown): FakeUser => {
    const user = users.get(String(email));
    if (!user) throw new CognitoError('UserNotFoundException', 'Username/client id combination not found.');
    return user;
  };
  const checkPolicy = (password: unknown) => {
    if (String(password).length < MIN_PASSWORD_LENGTH) throw new CognitoError('InvalidPasswordException', 'Password did not conform with policy: Password not long enough');
  };
  const liveSession = (accessToken: unknown): Session => {
    const session = accessTokens.get(String(accessToken));
    if (!session) throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
    if (session.signedOut) throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked');
    return session;
  };
  const openSession = (email: string, refreshToken = token('refresh')) => {
    const accessToken = token('access');
    refreshTokens.set(refreshToken, { email, signedOut: false });
    accessTokens.set(accessToken, { email, signedOut: false });
    return { AuthenticationResult: { AccessToken: accessToken, RefreshToken: refreshToken, IdToken: token('id'), ExpiresIn: 3600, TokenType: 'Bearer' } };
  };

  const operations: Record<string, (input: Record<string, unknown>) => object> = {
    InitiateAuth(input) {
      const parameters = (input.AuthParameters ?? {}) as Record<string, string>;
      if (input.AuthFlow === 'REFRESH_TOKEN_AUTH') {
        const session = refreshTokens.get(parameters.REFRESH_TOKEN ?? '');
        if (!session || session.signedOut) throw new CognitoError('NotAuthorizedException', session ? 'Refresh Token has been revoked' : 'Invalid Refresh Token');
        const { AuthenticationResult: { RefreshToken: _kept, ...result } } = openSession(session.email);
        return { AuthenticationResult: result };
      }
      const user = users.get(parameters.USERNAME ?? '');
      if (!user || user.password !== parameters.PASSWORD) throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
      return openSession(parameters.USERNAME!);
    },
    ForgotPassword(input) {
      const user = userOf(input.Username);
      user.resetCode = { code: String(100_000 + (mailedCodes.length % 900_000)), expired: false };
      mailedCodes.push({ email: String(input.Username), code: user.resetCode.code });
      return { CodeDeliveryDetails: { Destination: 'o***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
    },
    ConfirmForgotPassword(input) {
      const user = userOf(input.Username);
      if (!user.resetCode || user.resetCode.code !== input.ConfirmationCode) throw new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
      if (user.resetCode.expired) throw new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
      checkPolicy(input.Password);
      user.password = String(input.Password);
      user.resetCode = null;
      return {};
    },
    ChangePassword(input) {
      const user = userOf(liveSession(input.AccessToken).email);
      if (user.password !== input.PreviousPassword) throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
      checkPolicy(input.ProposedPassword);
      user.password = String(input.ProposedPassword);
      return {};
    },
    GlobalSignOut(input) {
      const { email } = liveSession(input.AccessToken);
      for (const session of [...refreshTokens.values(), ...accessTokens.values()]) if (session.email === email) session.signedOut = true;
      return {};
    },
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace('AWSCognitoIdentityProviderService.', '');
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      calls.push({ operation, input });
      const reply = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
      try {
        const failure = failures.get(operation);
        if (failure) {
          failures.delete(operation);
          throw new CognitoError(failure.exception, failure.message);
        }
        const handle = operations[operation];
        if (!handle) throw new CognitoError('InvalidActionException', `The fake does not serve ${operation}.`);
        reply(200, handle(input));
      } catch (error) {
        if (!(error instanceof CognitoError)) throw error;
        reply(400, { __type: error.type, message: error.message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    mailedCodes,
    addUser(email, password) {
      const sub = `sub-${randomBytes(6).toString('hex')}`;
      users.set(email, { sub, password, resetCode: null });
      return sub;
    },
    issued(accessToken) {
      const session = accessTokens.get(accessToken);
      return session ? users.get(session.email)!.sub : null;
    },
    expireResetCode(email) {
      const code = userOf(email).resetCode;
      if (code) code.expired = true;
    },
    failNext(operation, exception, message) {
      failures.set(operation, { exception, message });
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
