import { Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.js';
import { Loading } from './components/Feedback.js';
import { SessionProvider } from './session.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <BrowserRouter>
    <SessionProvider>
      {/* Until a page's chunk arrives (the scanner, outside the site chrome); Layout has its own. */}
      <Suspense fallback={<Loading what="the page" />}>
        <App />
      </Suspense>
    </SessionProvider>
  </BrowserRouter>,
);
