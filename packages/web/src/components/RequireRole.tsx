import { Link, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/shapes.js';
import { useSession } from '../session.js';
import { nextQuery } from '../returnPath.js';
import { Loading } from './Feedback.js';

/** Shows the nested routes only to a signed-in user (of the given role, when one is given). */
export function RequireRole({ role }: { role?: Role }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading what="your session" />;
  if (!user) {
    return (
      <main className="page narrow" id="main">
        <h1>Please log in</h1>
        <p>
          This page needs an account. <Link to={`/login${nextQuery(location.pathname)}`}>Log in</Link> or{' '}
          <Link to={`/signup${nextQuery(location.pathname)}`}>sign up</Link>.
        </p>
      </main>
    );
  }
  if (role && user.role !== role) {
    return (
      <main className="page narrow" id="main">
        <h1>Not available</h1>
        <p>This page is for {role}s. You are logged in as an {user.role}.</p>
      </main>
    );
  }
  return <Outlet />;
}
