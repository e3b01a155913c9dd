import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ok, publicApi } from '../api/client.js';
import { BusyButton, ErrorMessage, StatusMessage } from '../components/Feedback.js';
import { useAction, usePageTitle } from '../hooks.js';
import { afterLogInPath, nextQuery } from '../returnPath.js';
import { useSession } from '../session.js';
import { takeSignUpPassword } from '../signUpPassword.js';
import { codeTyped } from '../codeTyped.js';

export function VerifyPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { logIn } = useSession();
  usePageTitle('Verify your email');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState('');
  const { busy, error, setError, run } = useAction();

  // One message at a time: a new attempt replaces whatever the last one said.
  async function verify(e: FormEvent) {
    e.preventDefault();
    setNotice('');
    const done = await run(() => ok(publicApi.POST('/api/auth/verify-email', { body: { email, code } })).then(() => true));
    if (!done) return;
    const next = params.get('next');
    // Straight from sign-up in this tab: log in with the password typed there (a failure falls back to the login page).
    const password = takeSignUpPassword(email);
    const user = password ? await logIn(email, password).catch(() => null) : null;
    navigate(user ? afterLogInPath(next, user.role) : `/login?email=${encodeURIComponent(email)}&verified=1${nextQuery(next, '&')}`);
  }

  async function resend() {
    setNotice('');
    const done = await run(() => ok(publicApi.POST('/api/auth/resend-verification', { body: { email } })).then(() => true));
    if (done) setNotice(`We sent a new code to ${email}.`);
  }

  return (
    <main className="page narrow" id="main">
      <h1>Verify your email</h1>
      <p>
        We emailed you a 6-digit code. On this local server you can read it in the <Link to="/mailbox">Mailbox</Link>.
      </p>
      <form className="card stack" onSubmit={verify}>
        <div className="field">
          <label htmlFor="verify-email">Email</label>
          <input id="verify-email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="verify-code">Code</label>
          <input
            id="verify-code"
            required
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            value={code}
            onChange={(e) => {
              setError(null);
              setCode(codeTyped(e.target.value));
            }}
          />
        </div>
        <ErrorMessage message={error} />
        <StatusMessage>{notice}</StatusMessage>
        <BusyButton busy={busy}>Verify</BusyButton>
        <button type="button" className="button button-secondary" disabled={busy || !email} onClick={resend}>
          Send a new code
        </button>
      </form>
    </main>
  );
}

