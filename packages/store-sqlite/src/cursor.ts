/** Keyset cursors: opaque base64url of the last row's sort key and id. */
export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

/** null for anything that is not a cursor we made (the API answers 400 before it gets here). */
export function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  return null;
}

export function page<T>(rows: T[], limit: number, key: (row: T) => [string, string]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(...key(last)) : null };
}

/** One page of a user's rows of `table`, newest first (`registrations` and `tickets` both key on user_id, created_at, id). */
export function newestOfUser<T extends { created_at: string; id: string }>(
  q: (sql: string) => { all: (...params: unknown[]) => unknown[] },
  table: 'registrations' | 'tickets',
  userId: string,
  limit: number,
  cursor: string | undefined,
): { items: T[]; nextCursor: string | null } {
  const after = decodeCursor(cursor);
  const rows = (after
    ? q(`SELECT * FROM ${table} WHERE user_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`).all(userId, after[0], after[1], limit + 1)
    : q(`SELECT * FROM ${table} WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`).all(userId, limit + 1)) as T[];
  return page(rows, limit, (r) => [r.created_at, r.id]);
}
