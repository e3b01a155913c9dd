/** Ticketbooth's answers, recorded once per route, that the bare baseline replays byte for byte. */
export type RecordedAnswers = Record<string, { status: number; body: string /* base64 */ }>;

/** An id as Ticketbooth makes them (`evt_` and 22 base64url characters) stands for any id. */
const ID_SEGMENT = /^[a-z]{2,4}_[A-Za-z0-9_-]{8,}$/;

/** `POST /api/events/:id/registrations`: the method and path (with its query), ids generalised. */
export function routeKey(method: string, url: string): string {
  const [path = '', query] = url.split('?');
  const general = path.split('/').map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment)).join('/');
  return `${method} ${general}${query === undefined ? '' : `?${query}`}`;
}

export function record(answers: RecordedAnswers, method: string, path: string, status: number, raw: Buffer): void {
  answers[routeKey(method, path)] = { status, body: raw.toString('base64') };
}
