import { Link } from 'react-router';
import { usePageTitle } from '../hooks.js';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <main className="page narrow" id="main">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">See upcoming events</Link>.
      </p>
    </main>
  );
}
