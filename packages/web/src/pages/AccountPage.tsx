import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ok } from '../api/client.js';
import { BusyButton, ErrorMessage, StatusMessage } from '../components/Feedback.js';
import { NewPasswordField } from '../components/NewPasswordField.js';
import { useAction, usePageTitle } from '../hooks.js';
import { useSession } from '../session.js';

/** The signed-in person's own account: change the password, download their data, or leave. */
export function AccountPage() {
  usePageTitle('Your account');
  // Behind RequireRole: a user is signed in.
  const user = useSession().user!;
  return (
    <main className="page narrow" id="main">
      <h1>Your account</h1>
      <p>
        {user.name} · {user.email}
      </p>
      <ChangePassword />
      <ExportData />
      <DeleteAccount />
    </main>
  );
}

function ChangePassword() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    // This session goes on: the next request refreshes its access token.
    const changed = await run(() => ok(api.POST('/api/me/password', { body: { currentPassword, newPassword } })).then(() => true));
    if (changed) {
      setDone(true);
      setCurrentPassword('');
      setNewPassword('');
    }
  }

  return (
    <section className="card stack" aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change your password</h2>
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input id="current-password" type="password" required autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} />
        </div>
        <NewPasswordField id="new-password" value={newPassword} onChange={setNewPassword} consequence="Your other devices are logged out." />
        <ErrorMessage message={error} />
        <StatusMessage>{done ? 'Your password is changed. Other devices are logged out.' : ''}</StatusMessage>
        <BusyButton busy={busy}>Change password</BusyButton>
      </form>
    </section>
  );
}

function ExportData() {
  const { busy, error, run } = useAction();

  async function download() {
    const data = await run(() => ok(api.GET('/api/me/export')));
    if (!data) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `ticketbooth-account-${data.account.id}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="card stack" aria-labelledby="export-title">
      <h2 id="export-title">Your data</h2>
      <p>Download everything we keep about you: your account, registrations, tickets and check-ins, as a JSON file.</p>
      <ErrorMessage message={error} />
      <BusyButton busy={busy} type="button" className="button button-secondary" onClick={download}>
        Download my data
      </BusyButton>
    </section>
  );
}

function DeleteAccount() {
  const navigate = useNavigate();
  const { logOut } = useSession();
  const [password, setPassword] = useState('');
  const [sure, setSure] = useState(false);
  const { busy, error, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const deleted = await run(() => ok(api.DELETE('/api/me', { body: { password } })).then(() => true));
    if (!deleted) return;
    await logOut();
    navigate('/?deleted=1');
  }

  return (
    <section className="card stack" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete your account</h2>
      <p>
        Your email becomes free and your name is removed from past registrations. Cancel your tickets for events still to come first.
      </p>
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="delete-password">Password</label>
          <input id="delete-password" type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" required checked={sure} onChange={(e) => setSure(e.target.checked)} /> I understand this cannot be undone
          </label>
        </div>
        <ErrorMessage message={error} />
        <BusyButton busy={busy} className="button button-danger-outline">
          Delete my account
        </BusyButton>
      </form>
    </section>
  );
}
