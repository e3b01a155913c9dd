/**
 * Where to go back to after logging in (`?next=`), carried through sign-up and verification. Only a
 * path of this site is followed: "//evil.example" or "/\evil.example" would leave the origin.
 */
export function safeReturnPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  const base = 'https://app.invalid';
  const url = new URL(next, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : null;
}

/** `?next=` for a link to log in or sign up, or nothing when there is no safe place to return to. */
export function nextQuery(next: string | null | undefined, separator: '?' | '&' = '?'): string {
  const safe = safeReturnPath(next);
  return safe ? `${separator}next=${encodeURIComponent(safe)}` : '';
}

/** Where logging in leads: back to `next` when it is safe, else the role's home page. */
export function afterLogInPath(next: string | null | undefined, role: 'organizer' | 'attendee'): string {
  return safeReturnPath(next) ?? (role === 'organizer' ? '/organizer' : '/');
}
