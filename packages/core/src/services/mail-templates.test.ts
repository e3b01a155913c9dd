import { describe, expect, it } from 'vitest';
import { cancellationMail, cancelledWithEvent, passwordResetMail, ticketMail, verificationCodeMail } from './mail-templates.js';

const event = { name: 'Harbour Jazz Night', location: 'Pier 4', startsAt: '2030-06-01T18:30:00.000Z', endsAt: '2030-06-01T21:00:00.000Z', timezone: 'Europe/Lisbon' };

describe('mail texts', () => {
  it('a ticket mail names the event, the number of tickets, when (in the event time zone) and where', () => {
    const mail = ticketMail(event, { attendeeName: 'Ada', quantity: 2 }, 'Ticketbooth');
    expect(mail.subject).toBe('Your tickets for Harbour Jazz Night');
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.text).toContain('You are registered for Harbour Jazz Night: 2 tickets.');
    expect(mail.text).toContain('When: Sat 1 Jun 2030, 19:30 – 22:00 (Europe/Lisbon)');
    expect(mail.text).toContain('Where: Pier 4');
    expect(mail.text.endsWith('— Ticketbooth')).toBe(true);
  });

  it('a ticket mail for one ticket says "ticket", not "tickets"', () => {
    expect(ticketMail(event, { attendeeName: 'Ada', quantity: 1 }, 'Ticketbooth').text).toContain(': 1 ticket.');
  });

  it('a cancellation mail gives the reason and promises a refund only when there is one', () => {
    const refunded = cancellationMail(event, { attendeeName: 'Ada' }, cancelledWithEvent('Storm warning.'), true, 'Ticketbooth');
    expect(refunded.subject).toBe('Cancelled: Harbour Jazz Night');
    expect(refunded.text).toContain('Your registration for Harbour Jazz Night has been cancelled. The event was cancelled: Storm warning.');
    expect(refunded.text).toContain('Your payment will be refunded to your card.');
    expect(cancellationMail(event, { attendeeName: 'Ada' }, 'You cancelled this registration.', false, 'Ticketbooth').text).not.toContain('refunded');
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
