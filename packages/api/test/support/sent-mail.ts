import { vi } from 'vitest';
import type { MailMessage } from '@ticketbooth/core';
import type { TestServer } from './server.js';

/** Every message the server's mailer is given from now on, attachment bytes included (the mailbox does not keep them). */
export function recordSentMail(t: TestServer): MailMessage[] {
  const sent: MailMessage[] = [];
  const mailer = t.server.home.services.deps.mailer;
  const send = mailer.send.bind(mailer);
  vi.spyOn(mailer, 'send').mockImplementation(async (message) => {
    sent.push(message);
    await send(message);
  });
  return sent;
}
