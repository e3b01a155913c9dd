import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.js';
import { RequireRole } from './components/RequireRole.js';
import { lazyPage } from './lazyPage.js';
import { EventsListPage } from './pages/EventsListPage.js';

// The home page is in the main chunk; every other page is fetched when first visited.
const EventPage = lazyPage(() => import('./pages/EventPage.js'), 'EventPage');
const SignUpPage = lazyPage(() => import('./pages/SignUpPage.js'), 'SignUpPage');
const VerifyPage = lazyPage(() => import('./pages/VerifyPage.js'), 'VerifyPage');
const LogInPage = lazyPage(() => import('./pages/LogInPage.js'), 'LogInPage');
const CheckoutPage = lazyPage(() => import('./pages/CheckoutPage.js'), 'CheckoutPage');
const MyTicketsPage = lazyPage(() => import('./pages/MyTicketsPage.js'), 'MyTicketsPage');
const MyEventsPage = lazyPage(() => import('./pages/MyEventsPage.js'), 'MyEventsPage');
const EventFormPage = lazyPage(() => import('./pages/EventFormPage.js'), 'EventFormPage');
const DashboardPage = lazyPage(() => import('./pages/DashboardPage.js'), 'DashboardPage');
const ScannerPage = lazyPage(() => import('./pages/ScannerPage.js'), 'ScannerPage');
const MailboxPage = lazyPage(() => import('./pages/MailboxPage.js'), 'MailboxPage');
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage.js'), 'NotFoundPage');
const PasswordResetPage = lazyPage(() => import('./pages/PasswordResetPage.js'), 'PasswordResetPage');
const AccountPage = lazyPage(() => import('./pages/AccountPage.js'), 'AccountPage');
const OrderPage = lazyPage(() => import('./pages/OrderPage.js'), 'OrderPage');
const WaitlistOfferPage = lazyPage(() => import('./pages/WaitlistOfferPage.js'), 'WaitlistOfferPage');

// The volunteer's door scanner (camera, IndexedDB, offline verification) loads only when opened.
const DoorScanPage = lazy(() => import('./pages/DoorScanPage.js').then((m) => ({ default: m.DoorScanPage })));
const DoorTeamPage = lazy(() => import('./pages/DoorTeamPage.js').then((m) => ({ default: m.DoorTeamPage })));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<EventsListPage />} />
        {/* The listing is where /events/:id's "Events" crumb points, as people type it too. */}
        <Route path="events" element={<EventsListPage />} />
        <Route path="events/:id" element={<EventPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="verify" element={<VerifyPage />} />
        <Route path="login" element={<LogInPage />} />
        <Route path="password-reset" element={<PasswordResetPage />} />
        <Route element={<RequireRole />}>
          <Route path="account" element={<AccountPage />} />
        </Route>
        <Route path="mailbox" element={<MailboxPage />} />
        <Route element={<RequireRole role="attendee" />}>
          <Route path="checkout/:registrationId" element={<CheckoutPage />} />
          <Route path="tickets" element={<MyTicketsPage />} />
          <Route path="waitlist-offers/:offerId" element={<WaitlistOfferPage />} />
        </Route>
        <Route element={<RequireRole role="organizer" />}>
          <Route path="organizer" element={<MyEventsPage />} />
          <Route path="organizer/new" element={<EventFormPage />} />
          <Route path="organizer/events/:id/edit" element={<EventFormPage />} />
          <Route path="organizer/events/:id" element={<DashboardPage />} />
          <Route path="organizer/events/:id/orders/:registrationId" element={<OrderPage />} />
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
