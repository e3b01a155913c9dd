import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailedJobsNotice } from '../src/components/FailedJobsNotice.js';

describe('the dashboard notice of failed outbox jobs', () => {
  it('is absent while nothing failed', () => {
    expect(renderToStaticMarkup(createElement(FailedJobsNotice, { failedJobs: [], timeZone: 'UTC' }))).toBe('');
  });

  it('names what was not delivered and to whom', () => {
    const html = renderToStaticMarkup(
      createElement(FailedJobsNotice, {
        failedJobs: [
          { jobId: 'job_1', kind: 'send_ticket_mail', registrationId: 'reg_1', attendeeEmail: 'ada@example.test', attempts: 10, failedAt: '2030-01-01T10:00:00.000Z' },
          { jobId: 'job_2', kind: 'cancel_event_registrations', registrationId: null, attendeeEmail: null, attempts: 10, failedAt: '2030-01-01T11:00:00.000Z' },
        ],
        timeZone: 'UTC',
      }),
    );
    expect(html).toContain('Delivery problems');
    expect(html).toContain('Ticket mail not delivered to ada@example.test — 10 attempts');
    expect(html).toContain('Registrations not all cancelled — 10 attempts');
  });
});
