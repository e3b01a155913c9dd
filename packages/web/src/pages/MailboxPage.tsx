import { useState, type FormEvent } from 'react';
import { ok, publicApi } from '../api/client.js';
import { ErrorMessage, Loading } from '../components/Feedback.js';
import { formatDateTime } from '../format.js';
import { useLoad, usePageTitle } from '../hooks.js';

/** The local server's outbox, so that sign-up works without a mail server. */
export function MailboxPage() {
  const [to, setTo] = useState('');
  usePageTitle('Mailbox');
  const [filter, setFilter] = useState('');
  const { data, error, reload } = useLoad(
    () => ok(publicApi.GET('/api/dev/mailbox', { params: { query: { limit: 50, to: filter || undefined } } })),
    [filter],
  );

  function applyFilter(e: FormEvent) {
    e.preventDefault();
    setFilter(to.trim());
    reload();
  }

  return (
    <main className="page" id="main">
      <h1>Mailbox</h1>
      <p className="muted">Mail sent by this local server (verification codes and tickets). Not available in production.</p>
      <form className="filters" onSubmit={applyFilter}>
        <div className="field grow">
          <label htmlFor="mailbox-to">Recipient</label>
          <input id="mailbox-to" type="email" value={to} placeholder="you@example.com" onChange={(e) => setTo(e.target.value)} />
        </div>
        <button className="button" type="submit">
          Show mail
        </button>
      </form>
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="mail" />}
      {data && data.items.length === 0 && <p role="status">No mail yet.</p>}
      <ul className="stack mail-list">
        {data?.items.map((mail, i) => (
          <li key={`${mail.sentAt}-${i}`} className="card mail">
            <h2 className="card-title">{mail.subject}</h2>
            <p className="muted">
              To {mail.to} · <time dateTime={mail.sentAt}>{formatDateTime(mail.sentAt)}</time>
            </p>
            <pre className="mail-text">{mail.text}</pre>
            {mail.attachments.length > 0 && (
              <p className="muted">Attachments: {mail.attachments.map((a) => `${a.filename} (${Math.ceil(a.size / 1024)} KB)`).join(', ')}</p>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
