import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../session.js';
import { hasMailbox } from '../api/mailbox-probe.js';
import { isLoopbackHost } from '@ticketbooth/core/loopback-host';
import { Loading } from './Feedback.js';

/** Site header with navigation for the current role, the expired-session notice, and the page. */
export function Layout() {
  const { user, expired, dismissExpired, logOut } = useSession();
  const mailboxAvailable = useMailboxAvailable();
  const navigate = useNavigate();
  const [loggingOut, setLoggingOut] = useState(false);

  async function handleLogOut() {
    setLoggingOut(true);
    await logOut();
    setLoggingOut(false);
    navigate('/');
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand">
          Ticketbooth
        </NavLink>
        <nav aria-label="Main">
          <ul className="nav-list">
            <li>
              <NavLink to="/" end>
                Events
              </NavLink>
            </li>
            {user?.role === 'attendee' && (
              <li>
                <NavLink to="/tickets">My tickets</NavLink>
              </li>
            )}
            {user?.role === 'organizer' && (
              <li>
                <NavLink to="/organizer">My events</NavLink>
              </li>
            )}
            {user && (
              <li>
                <NavLink to="/account">Account</NavLink>
              </li>
            )}
            {mailboxAvailable && (
              <li>
                <NavLink to="/mailbox">Mailbox</NavLink>
              </li>
            )}
            {user === null && (
              <>
                <li>
                  <NavLink to="/login">Log in</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">Sign up</NavLink>
                </li>
              </>
            )}
            {user && (
              <li>
                <button type="button" className="link-button log-out" onClick={handleLogOut} disabled={loggingOut} title={`Log out (${user.name})`}>
                  {loggingOut ? 'Working…' : `Log out (${user.name})`}
                </button>
              </li>
            )}
          </ul>
        </nav>
      </header>
      {expired && (
        <div className="banner" role="alert">
          Your session has expired. Please <NavLink to="/login">log in again</NavLink>.{' '}
          <button type="button" className="link-button" onClick={dismissExpired}>
            Dismiss
          </button>
        </div>
      )}
      {/* The header stays while the page's chunk loads. */}
      <Suspense fallback={<main className="page" id="main"><Loading what="the page" /></main>}>
        <Outlet />
      </Suspense>
    </>
  );
}

/**
 * The mailbox exists only on the local home (production answers 404) and answers only at a
 * loopback address: there the link is shown from the first paint and the probe only takes it away
 * where it is missing, so it never pushes the page down on arrival (a layout shift); elsewhere
 * neither link nor probe.
 */
function useMailboxAvailable(): boolean {
  const [atLoopback] = useState(() => isLoopbackHost(window.location.host));
  const [available, setAvailable] = useState(atLoopback);
  useEffect(() => {
    if (atLoopback) void hasMailbox().then(setAvailable);
  }, [atLoopback]);
  return available;
}
