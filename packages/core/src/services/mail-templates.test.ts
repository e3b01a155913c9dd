import { describe, expect, it } from 'vitest';
import { cancellationMail, cancelledWithEvent, passwordResetMail, ticketMail, verificationCodeMail } from './mail-templates.js';

const event = { name: 'Harbour Jazz Night', location: 'Pier 4', startsAt: '2030-06-01T18:30:00.000Z', endsAt: '2030-06-01T21:00:00.000Z', timezone: 'Europe/Lisbon' };
const sender = { appName: 'Ticketbooth', publicUrl: 'https://tickets.example.org' };
const order = (quantity: number) => ({ id: 'reg_7Hq2', attendeeName: 'Ada', quantity, amountCents: 3000, currency: 'EUR' });

describe('mail texts', () => {
  it('a ticket mail names the event, the number of tickets, when (in the event time zone) and where', () => {
    const mail = ticketMail(event, order(2), sender);
    expect(mail.subject).toBe('Your tickets for Harbour Jazz Night');
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.text).toContain('You are registered for Harbour Jazz Night: 2 tickets.');
    expect(mail.text).toContain('When: Sat 1 Jun 2030, 19:30 – 22:00 (Europe/Lisbon)');
    expect(mail.text).toContain('Where: Pier 4');
    expect(mail.text.endsWith('— Ticketbooth')).toBe(true);
  });

  it('a ticket mail for one ticket says "ticket", not "tickets"', () => {
    expect(ticketMail(event, order(1), sender).text).toContain(': 1 ticket.');
  });

  it('a cancellation mail gives the reason and promises a refund only when there is one', () => {
    const refunded = cancellationMail(event, order(2), cancelledWithEvent('Storm warning.'), true, sender);
    expect(refunded.subject).toBe('Cancelled: Harbour Jazz Night');
    expect(refunded.text).toContain('Your registration for Harbour Jazz Night has been cancelled. The event was cancelled: Storm warning.');
    expect(refunded.text).toContain('Your payment will be refunded to your card.');
    expect(cancellationMail(event, order(2), 'You cancelled this registration.', false, sender).text).not.toContain('refunded');
  });

  it('a ticket mail and a cancellation mail give the amount, the order number and the link to My tickets', () => {
    for (const mail of [ticketMail(event, order(2), sender), cancellationMail(event, order(2), 'You cancelled this registration.', false, sender)]) {
      expect(mail.text).toContain('Order number: reg_7Hq2');
      expect(mail.text).toContain('Amount: EUR 30.00');
      expect(mail.text).toContain('My tickets: https://tickets.example.org/tickets');
    }
  });

  it('a free order says so, and without a known web address the mail gives no link', () => {
    const mail = ticketMail(event, { ...order(1), amountCents: 0 }, { appName: 'Ticketbooth', publicUrl: null });
    expect(mail.text).toContain('Amount: free');
    expect(mail.text).not.toContain('My tickets:');
  });

  it('a verification mail carries the code and how long it lasts', () => {
    const mail = verificationCodeMail('Ada', '042917', 15, 'Ticketbooth');
    expect(mail.subject).toBe('Your Ticketbooth verification code');
    expect(mail.text).toContain('Your verification code is 042917');
    expect(mail.text).toContain('It expires in 15 minutes.');
  });

  it('a password reset mail carries the code, how long it lasts, and that ignoring it changes nothing', () => {
    const mail = passwordResetMail('Ada', '042917', 15, 'Ticketbooth');
    expect(mail.subject).toBe('Your Ticketbooth password reset code');
    expect(mail.text).toContain('Your password reset code is 042917');
    expect(mail.text).toContain('It expires in 15 minutes.');
    expect(mail.text).toContain('your password stays as it is');
  });
});
