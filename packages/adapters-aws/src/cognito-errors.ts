import { DomainError, type ErrorCode } from '@ticketbooth/core';
import { cognitoSdk } from './cognito-sdk.js';

const CODES: Record<string, { code: ErrorCode; message: string }> = {
  UsernameExistsException: { code: 'email_taken', message: 'An account with this email already exists.' },
  AliasExistsException: { code: 'email_taken', message: 'An account with this email already exists.' },
  CodeMismatchException: { code: 'invalid_code', message: 'The code is wrong or has expired.' },
  ExpiredCodeException: { code: 'invalid_code', message: 'The code has expired.' },
  NotAuthorizedException: { code: 'invalid_credentials', message: 'The email or password is wrong.' },
  // With PreventUserExistenceErrors off, Cognito names unknown users; answer as for a wrong password.
  UserNotFoundException: { code: 'invalid_credentials', message: 'The email or password is wrong.' },
  UserNotConfirmedException: { code: 'email_not_verified', message: 'Verify your email before logging in.' },
  TooManyRequestsException: { code: 'too_many_attempts', message: 'Too many attempts. Try again later.' },
  LimitExceededException: { code: 'too_many_attempts', message: 'Too many attempts. Try again later.' },
  TooManyFailedAttemptsException: { code: 'too_many_attempts', message: 'Too many attempts. Try again later.' },
  InvalidPasswordException: { code: 'validation_failed', message: 'The password does not meet the policy.' },
};

/** Codes only reached through an override. */
const OVERRIDE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  weak_password: 'The password does not meet the policy: choose a longer or less common one.',
};

function messageFor(code: ErrorCode): string {
  return OVERRIDE_MESSAGES[code] ?? Object.values(CODES).find((c) => c.code === code)?.message ?? 'The request was refused.';
}

/** The Cognito exception name, or null for anything that is not a Cognito service error. */
export async function cognitoErrorName(error: unknown): Promise<string | null> {
  const { CognitoIdentityProviderServiceException } = await cognitoSdk();
  return error instanceof CognitoIdentityProviderServiceException ? error.name : null;
}

/**
 * Cognito's exceptions as DomainErrors; anything unexpected is rethrown unchanged (a server fault).
 * `overrides` re-reads an exception for one operation (a password rejected at login is a wrong password).
 */
export async function toDomainError(error: unknown, overrides: Partial<Record<string, ErrorCode>> = {}): Promise<never> {
  const name = await cognitoErrorName(error);
  const override = name ? overrides[name] : undefined;
  const mapped = override ? { code: override, message: messageFor(override) } : name ? CODES[name] : undefined;
  if (!mapped) throw error;
  const details = mapped.code === 'validation_failed' ? { fields: { password: mapped.message } } : name === 'ExpiredCodeException' ? { reason: 'expired' } : undefined;
  throw new DomainError(mapped.code, mapped.message, details);
}
