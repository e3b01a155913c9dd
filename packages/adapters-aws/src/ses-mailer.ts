import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailMessage, Mailer } from '@ticketbooth/core';

export interface SesMailerOptions {
  ses: SESv2Client;
  /** A verified SES identity, e.g. `Ticketbooth <tickets@example.com>`. */
  from: string;
  /** SES configuration set for bounce/complaint tracking, when one is set up. */
  configurationSet?: string;
}

/** Mail through SES v2: a Simple message when there is nothing attached, raw MIME otherwise. */
export function createSesMailer(options: SesMailerOptions): Mailer {
  const { ses, from, configurationSet } = options;

  return {
    async send(message) {
      const attachments = message.attachments ?? [];
      const content =
        attachments.length === 0
          ? {
              Simple: {
                Subject: { Data: message.subject, Charset: 'UTF-8' },
                Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
              },
            }
          : { Raw: { Data: await buildMime(from, message) } };
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          Content: content,
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        }),
      );
    },
  };
}

/** The whole message as MIME bytes (headers, text part, base64 attachments). */
export async function buildMime(from: string, message: MailMessage): Promise<Uint8Array> {
  // Loaded with the first mail that has attachments, not with the API function.
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const composer = new MailComposer({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    attachments: (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content),
    })),
  });
  return new Promise((resolve, reject) => {
    composer.compile().build((error, bytes) => (error ? reject(error) : resolve(new Uint8Array(bytes))));
  });
}
