import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Steps a person takes through the pages, shared by the journeys. */

/** The newest 6-digit code mailed to `email` (of the mails whose text matches `about`, when given). */
export async function readCodeFromMailbox(page: Page, email: string, about?: RegExp): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).click();
  await page.getByLabel('Recipient').fill(email);
  await page.getByRole('button', { name: 'Show mail' }).click();
  const mails = page.locator('.mail', { hasText: email }).filter({ hasText: /\b\d{6}\b/ });
  const mail = (about ? mails.filter({ hasText: about }) : mails).first();
  await mail.waitFor();
  const code = /\b(\d{6})\b/.exec(await mail.locator('.mail-text').innerText())?.[1];
  expect(code).toMatch(/^\d{6}$/);
  return code!;
}

export async function signUpVerifyAndLogIn(page: Page, baseUrl: string, who: { name: string; email: string; password: string; role: 'organizer' | 'attendee' }) {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel(who.role === 'organizer' ? 'Organize events' : 'Attend events').check();
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/verify\?email=/);

  const code = await readCodeFromMailbox(page, who.email);
  await page.goto(`${baseUrl}/verify?email=${encodeURIComponent(who.email)}`);
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/\/login\?/);
  await logIn(page, who.email, who.password);
}

export async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: /Log out/ }).waitFor();
}

/** The event form's fields after the name, with one ticket type: what every created event needs. */
export async function fillEventDetails(
  page: Page,
  event: { description: string; category: string; location: string; startsAt: string; capacity: number; ticketType: { name: string; price: string } },
) {
  await page.getByLabel('Description').fill(event.description);
  await page.getByLabel('Category').selectOption(event.category);
  await page.getByLabel('Location').fill(event.location);
  await page.getByLabel('Starts').fill(event.startsAt);
  await page.getByLabel('Capacity').fill(String(event.capacity));
  await page.getByLabel('Ticket type 1 name').fill(event.ticketType.name);
  await page.getByLabel('Ticket type 1 price').fill(event.ticketType.price);
}
