import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors.js';
import { BusyButton, ErrorMessage, StatusMessage } from '../components/Feedback.js';
import { useAction, usePageTitle } from '../hooks.js';
import { afterLogInPath, nextQuery } from '../returnPath.js';
import { useSession } from '../session.js';

export function LogInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  usePageTitle('Log in');
  const { logIn } = useSession();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [needsVerification, setNeedsVerification] = useState(false);
  const { busy, error, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNeedsVerification(false);
    const user = await run(() =>
      logIn(email, password).catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'email_not_verified') setNeedsVerification(true);
        throw err;
      }),
    );
    if (!user) return;
    navigate(afterLogInPath(params.get('next'), user.role));
  }

  return (
    <main className="page narrow" id="main">
      <h1>Log in</h1>
      <form className="card stack" onSubmit={submit}>
        <StatusMessage>
          {params.get('verified') ? 'Your email is verified. You can log in now.' : params.get('reset') ? 'Your password is set. Log in with it now.' : ''}
        </StatusMessage>
        <div className="field">
          <label htmlFor="login-email">Email</label>
          <input id="login-email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input id="login-password" type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <ErrorMessage message={error} />
        {needsVerification && (
          <p>
            <Link to={`/verify?email=${encodeURIComponent(email)}${nextQuery(params.get('next'), '&')}`}>Enter your verification code</Link>
          </p>
        )}
        <BusyButton busy={busy}>Log in</BusyButton>
        <p>
          <Link to={`/password-reset${email ? `?email=${encodeURIComponent(email)}` : ''}`}>Forgot password?</Link>
        </p>
        <p>
          New here? <Link to={`/signup${nextQuery(params.get('next'))}`}>Create an account</Link>
        </p>
      </form>
    </main>
  );
}
