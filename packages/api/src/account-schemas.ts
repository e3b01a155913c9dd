import { z } from '@hono/zod-openapi';
import { EmailBody, RegistrationSchema, TicketSchema, UserSchema } from './schemas.js';

/** Shapes of the account additions (password reset and change, export, deletion). */

const email = EmailBody.shape.email;
/** A new password: the length rule of sign-up; the common-password list is checked after. */
const newPassword = z.string().min(8).max(200);
const password = z.string().min(1).max(200);

export const PasswordResetBody = z.object({ email }).strict().openapi('PasswordResetRequest');
export const PasswordResetConfirmBody = z
  .object({ email, code: z.string().regex(/^\d{6}$/, 'must be 6 digits'), newPassword })
  .strict()
  .openapi('PasswordResetConfirm');
export const ChangePasswordBody = z.object({ currentPassword: password, newPassword }).strict().openapi('ChangePassword');
export const DeleteAccountBody = z.object({ password }).strict().openapi('DeleteAccount');

export const AccountExportSchema = z
  .object({
    exportedAt: z.string(),
    account: z.object({ ...UserSchema.shape, createdAt: z.string() }),
    registrations: z.array(
      z.object({
        ...RegistrationSchema.omit({ tickets: true, promoCode: true, discountCents: true }).shape,
        attendeeName: z.string(),
        attendeeEmail: z.string(),
        updatedAt: z.string(),
        promo: z.object({ promoCodeId: z.string(), code: z.string(), discountCents: z.number().int() }).optional(),
      }),
    ),
    tickets: z.array(z.object({ ...TicketSchema.omit({ qr: true }).shape, userId: z.string(), createdAt: z.string() })),
    checkIns: z.array(z.object({ ticketId: z.string(), eventId: z.string(), checkedInAt: z.string() })),
  })
  .openapi('AccountExport');
