/**
 * The password typed on the sign-up page, held only in this tab's memory (never in storage) until the
 * email is verified, so verifying can log straight in and lead back to where the person started.
 * A reload forgets it; the person then logs in as usual.
 */
let pending: { email: string; password: string } | null = null;

export function holdSignUpPassword(email: string, password: string): void {
  pending = { email, password };
}

/** The held password for `email`, given once: it is forgotten as it is taken (or for any other email). */
export function takeSignUpPassword(email: string): string | null {
  const held = pending;
  pending = null;
  return held && held.email.trim().toLowerCase() === email.trim().toLowerCase() ? held.password : null;
}
