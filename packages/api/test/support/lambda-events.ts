import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyResult, LambdaContext, LambdaEvent } from 'hono/aws-lambda';

/** An API Gateway HTTP API event, payload format 2.0. */
export type HttpApiEventV2 = Extract<LambdaEvent, { rawPath: string }>;

/** The API function's handler as lambda.ts exports it. */
export type ApiHandler = (event: HttpApiEventV2, context?: LambdaContext) => Promise<APIGatewayProxyResult>;

export interface LambdaResponse<T = any> {
  status: number;
  /** Parsed when JSON, the text otherwise. */
  body: T;
  headers: Record<string, string>;
  raw: APIGatewayProxyResult;
}

export const API_DOMAIN = 'abc123.execute-api.us-east-1.amazonaws.com';
export const SOURCE_IP = '198.51.100.24';
const USER_AGENT = 'lambda-handler-test/1.0';

export interface EventOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** Send the body base64-encoded, as API Gateway does for bodies it treats as binary. */
  base64?: boolean;
}

/** The event API Gateway would hand the function for `method path?query`. */
export function httpApiEvent(method: string, pathAndQuery: string, options: EventOptions = {}): HttpApiEventV2 {
  const [rawPath = '/', rawQueryString = ''] = pathAndQuery.split('?', 2);
  const text = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    accept: 'application/json',
    host: API_DOMAIN,
    'user-agent': USER_AGENT,
    'x-forwarded-for': SOURCE_IP,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    'x-amzn-trace-id': `Root=1-${Date.now().toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    ...(text === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }),
    // API Gateway lower-cases header names.
    ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const query = new URLSearchParams(rawQueryString);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authentication: null,
      authorizer: {},
      domainName: API_DOMAIN,
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: SOURCE_IP, userAgent: USER_AGENT },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: text === undefined ? null : options.base64 ? Buffer.from(text).toString('base64') : text,
    isBase64Encoded: text !== undefined && options.base64 === true,
  };
}

export function lambdaContext(functionName: string): LambdaContext {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2030/01/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Calls the handler like API Gateway would; remembers a caller's access token like the web app. */
export class LambdaCaller {
  token: string | null = null;
  user: { id: string; email: string; name: string; role: string } | null = null;

  constructor(private readonly handler: ApiHandler) {}

  async request<T = any>(method: string, pathAndQuery: string, options: EventOptions = {}): Promise<LambdaResponse<T>> {
    const headers = { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...options.headers };
    const raw = await this.handler(httpApiEvent(method, pathAndQuery, { ...options, headers }), lambdaContext('ticketbooth-api'));
    if (!('headers' in raw) || !raw.headers) throw new Error('A payload 2.0 response must carry single-value headers.');
    const responseHeaders = Object.fromEntries(Object.entries(raw.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const text = raw.isBase64Encoded ? Buffer.from(raw.body, 'base64').toString('utf8') : raw.body;
    const body = (responseHeaders['content-type'] ?? '').includes('json') && text ? JSON.parse(text) : text;
    return { status: raw.statusCode, body, headers: responseHeaders, raw };
  }

  get<T = any>(path: string, options?: EventOptions) {
    return this.request<T>('GET', path, options);
  }

  post<T = any>(path: string, body?: unknown, options: Omit<EventOptions, 'body'> = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
}
