import nodemailer from 'nodemailer';
import type { Clock, IdGenerator, Logger, Mailbox, Mailer } from '@ticketbooth/core';

/** Every message lands in the local mailbox; with SMTP_URL set it is also sent over SMTP. */
export function createLocalMailer(options: { mailbox: Mailbox; clock: Clock; ids: IdGenerator; logger: Logger; smtpUrl?: string; from: string }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(message) {
      const attachments = message.attachments ?? [];
      await options.mailbox.record({
        id: options.ids.newId('mail'),
        to: message.to,
        subject: message.subject,
        text: message.text,
        sentAt: options.clock.now().toISOString(),
        attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.byteLength })),
      });
      if (!transport) return;
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
        });
      } catch (error) {
        // The message is kept in the mailbox either way; logged without content (it may carry a code).
        options.logger.error({ err: error instanceof Error ? error.message : String(error), subject: message.subject }, 'SMTP delivery failed');
      }
    },
  };
}
