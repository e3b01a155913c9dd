export type Role = 'organizer' | 'attendee';
export const ROLES = ['organizer', 'attendee'] as const;

export interface User {
  id: string;
  /** Stored lower-cased: emails are unique case-insensitively. */
  email: string;
  name: string;
  role: Role;
  emailVerified: boolean;
  createdAt: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
