import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ok, publicApi } from '../api/client.js';
import type { Role } from '../api/shapes.js';
import { BusyButton, ErrorMessage } from '../components/Feedback.js';
import { useAction, usePageTitle } from '../hooks.js';
import { nextQuery } from '../returnPath.js';
import { holdSignUpPassword } from '../signUpPassword.js';

export function SignUpPage() {
  const navigate = useNavigate();
  // Signing up from an event page comes back to it, logged in, once the email is verified.
  const returnTo = useSearchParams()[0].get('next');
  usePageTitle('Sign up');
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'attendee' as Role });
  const { busy, error, setError, run } = useAction();

  async function signUp(e: FormEvent) {
    e.preventDefault();
    if (form.password.length < 8) return setError('Choose a password of at least 8 characters.');
    const created = await run(() => ok(publicApi.POST('/api/auth/signup', { body: form })));
    if (!created) return;
    holdSignUpPassword(form.email, form.password);
    navigate(`/verify?email=${encodeURIComponent(form.email)}${nextQuery(returnTo, '&')}`);
  }

  return (
    <main className="page narrow" id="main">
      <h1>Sign up</h1>
      <form className="card stack" onSubmit={signUp}>
        <fieldset className="role-choice">
          <legend>I want to</legend>
          <label className="radio-card">
            <input type="radio" name="role" value="attendee" checked={form.role === 'attendee'} onChange={() => setForm({ ...form, role: 'attendee' })} />
            <span>
              <strong>Attend events</strong> (Attendee)
            </span>
          </label>
          <label className="radio-card">
            <input type="radio" name="role" value="organizer" checked={form.role === 'organizer'} onChange={() => setForm({ ...form, role: 'organizer' })} />
            <span>
              <strong>Organize events</strong> (Organizer)
            </span>
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="signup-name">Your name</label>
          <input id="signup-name" required autoComplete="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="signup-email">Email</label>
          <input id="signup-email" type="email" required autoComplete="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="signup-password">Password</label>
          <input
            id="signup-password"
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
            aria-describedby="signup-password-hint"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
          <p id="signup-password-hint" className="hint">
            At least 8 characters.
          </p>
        </div>
        <ErrorMessage message={error} />
        <BusyButton busy={busy}>Create account</BusyButton>
        <p>
          Already have an account? <Link to={`/login${nextQuery(returnTo)}`}>Log in</Link>
        </p>
      </form>
    </main>
  );
}
