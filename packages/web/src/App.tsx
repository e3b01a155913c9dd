import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.js';
import { RequireRole } from './components/RequireRole.js';
import { EventsListPage } from './pages/EventsListPage.js';
import { EventPage } from './pages/EventPage.js';
import { SignUpPage } from './pages/SignUpPage.js';
import { VerifyPage } from './pages/VerifyPage.js';
import { LogInPage } from './pages/LogInPage.js';
import { CheckoutPage } from './pages/CheckoutPage.js';
import { MyTicketsPage } from './pages/MyTicketsPage.js';
import { MyEventsPage } from './pages/MyEventsPage.js';
import { EventFormPage } from './pages/EventFormPage.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { ScannerPage } from './pages/ScannerPage.js';
import { MailboxPage } from './pages/MailboxPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';

// The volunteer's door scanner (camera, IndexedDB, offline verification) loads only when opened.
const DoorScanPage = lazy(() => import('./pages/DoorScanPage.js').then((m) => ({ default: m.DoorScanPage })));
const DoorTeamPage = lazy(() => import('./pages/DoorTeamPage.js').then((m) => ({ default: m.DoorTeamPage })));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<EventsListPage />} />
        <Route path="events/:id" element={<EventPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="verify" element={<VerifyPage />} />
        <Route path="login" element={<LogInPage />} />
        <Route path="mailbox" element={<MailboxPage />} />
        <Route element={<RequireRole role="attendee" />}>
          <Route path="checkout/:registrationId" element={<CheckoutPage />} />
          <Route path="tickets" element={<MyTicketsPage />} />
        </Route>
        <Route element={<RequireRole role="organizer" />}>
          <Route path="organizer" element={<MyEventsPage />} />
          <Route path="organizer/new" element={<EventFormPage />} />
          <Route path="organizer/events/:id/edit" element={<EventFormPage />} />
          <Route path="organizer/events/:id" element={<DashboardPage />} />
          <Route path="organizer/events/:id/door" element={<Suspense fallback={null}><DoorTeamPage /></Suspense>} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      {/* The scanner is full-screen, without the site chrome. */}
      <Route element={<RequireRole role="organizer" />}>
        <Route path="organizer/events/:id/scan" element={<ScannerPage />} />
      </Route>
      <Route path="scan/:eventId?" element={<Suspense fallback={null}><DoorScanPage /></Suspense>} />
    </Routes>
  );
}
