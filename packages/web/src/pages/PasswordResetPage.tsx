import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ok, publicApi } from '../api/client.js';
import { BusyButton, ErrorMessage, StatusMessage } from '../components/Feedback.js';
import { NewPasswordField } from '../components/NewPasswordField.js';
import { useAction, usePageTitle } from '../hooks.js';
import { codeTyped } from '../codeTyped.js';

/** Forgot password: the email first, then the mailed code and a new password. */
export function PasswordResetPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  usePageTitle('Reset your password');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [codeSent, setCodeSent] = useState(false);
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const { busy, error, run } = useAction();

  async function requestCode(e: FormEvent) {
    e.preventDefault();
    const sent = await run(() => ok(publicApi.POST('/api/auth/password-reset', { body: { email } })).then(() => true));
    if (sent) setCodeSent(true);
  }

  async function setPassword(e: FormEvent) {
    e.preventDefault();
    const done = await run(() => ok(publicApi.POST('/api/auth/password-reset/confirm', { body: { email, code, newPassword } })).then(() => true));
    if (done) navigate(`/login?email=${encodeURIComponent(email)}&reset=1`);
  }

  return (
    <main className="page narrow" id="main">
      <h1>Reset your password</h1>
      {!codeSent ? (
        <form className="card stack" onSubmit={requestCode}>
          <p>Enter the email of your account. We mail you a 6-digit code, valid for 15 minutes.</p>
          <div className="field">
            <label htmlFor="reset-email">Email</label>
            <input id="reset-email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <ErrorMessage message={error} />
          <BusyButton busy={busy}>Send me a code</BusyButton>
          <p>
            Remembered it? <Link to="/login">Log in</Link>
          </p>
        </form>
      ) : (
        <form className="card stack" onSubmit={setPassword}>
          <StatusMessage>
            If {email} has an account, a code is on its way. On this local server you can read it in the <Link to="/mailbox">Mailbox</Link>.
          </StatusMessage>
          <div className="field">
            <label htmlFor="reset-code">Code</label>
            <input id="reset-code" required inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" value={code} onChange={(e) => setCode(codeTyped(e.target.value))} />
          </div>
          <NewPasswordField id="reset-password" value={newPassword} onChange={setNewPassword} consequence="Setting it logs you out everywhere." />
          <ErrorMessage message={error} />
          <BusyButton busy={busy}>Set the new password</BusyButton>
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => setCodeSent(false)}>
            Send a new code
          </button>
        </form>
      )}
    </main>
  );
}
