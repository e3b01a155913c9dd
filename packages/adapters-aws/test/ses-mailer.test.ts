import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSesMailer } from '../src/index.js';

const ses = new SESv2Client({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const sesMock = mockClient(ses);
const FROM = 'Ticketbooth <tickets@example.com>';

beforeEach(() => {
  sesMock.reset();
  sesMock.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});

function onlySentInput() {
  const calls = sesMock.commandCalls(SendEmailCommand);
  expect(calls).toHaveLength(1);
  return calls[0]!.args[0].input;
}

describe('SES v2 mailer (aws-sdk-client-mock)', () => {
  it('sends a message without attachments as Simple content', async () => {
    await createSesMailer({ ses, from: FROM }).send({ to: 'ana@example.com', subject: 'Your tickets', text: 'See you there.' });
    const input = onlySentInput();
    expect(input.FromEmailAddress).toBe(FROM);
    expect(input.Destination).toEqual({ ToAddresses: ['ana@example.com'] });
    expect(input.Content?.Raw).toBeUndefined();
    expect(input.Content?.Simple?.Subject?.Data).toBe('Your tickets');
    expect(input.Content?.Simple?.Body?.Text?.Data).toBe('See you there.');
    expect(input.ConfigurationSetName).toBeUndefined();
  });

  it('sends a message with attachments as raw MIME carrying every attachment', async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x00, 0xff]);
    await createSesMailer({ ses, from: FROM, configurationSet: 'ticketbooth' }).send({
      to: 'ana@example.com',
      subject: 'Your tickets',
      text: 'Tickets attached.',
      attachments: [
        { filename: 'ticket-1.pdf', contentType: 'application/pdf', content: pdf },
        { filename: 'event.ics', contentType: 'text/calendar', content: new TextEncoder().encode('BEGIN:VCALENDAR') },
      ],
    });
    const input = onlySentInput();
    expect(input.Content?.Simple).toBeUndefined();
    expect(input.ConfigurationSetName).toBe('ticketbooth');
    const mime = Buffer.from(input.Content!.Raw!.Data!).toString('utf8');
    expect(mime).toMatch(/^From: Ticketbooth <tickets@example\.com>$/m);
    expect(mime).toMatch(/^To: ana@example\.com$/m);
    expect(mime).toMatch(/^Subject: Your tickets$/m);
    expect(mime).toMatch(/^Content-Type: multipart\/mixed;/m);
    expect(mime).toContain('Tickets attached.');
    expect(mime).toMatch(/Content-Type: application\/pdf; name=ticket-1\.pdf/);
    expect(mime).toMatch(/Content-Disposition: attachment; filename=ticket-1\.pdf/);
    expect(mime).toContain(Buffer.from(pdf).toString('base64'));
    expect(mime).toMatch(/Content-Type: text\/calendar; name=event\.ics/);
  });

  it('lets an SES failure reach the caller so the outbox retries the job', async () => {
    sesMock.on(SendEmailCommand).rejects(new Error('Throttling: Maximum sending rate exceeded.'));
    await expect(
      createSesMailer({ ses, from: FROM }).send({ to: 'ana@example.com', subject: 's', text: 't' }),
    ).rejects.toThrow('Maximum sending rate exceeded');
  });
});
