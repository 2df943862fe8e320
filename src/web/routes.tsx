import { type ComponentType, lazy } from 'react';

/** Pages of the signed-in app, each loaded on first visit. */
const DashboardPage = lazy(() => import('./features/dashboard/dashboard-page'));
const CustomersPage = lazy(() => import('./features/customers/customers-page'));
const CustomerRecordPage = lazy(() => import('./features/customer-record/customer-record-page'));
const DueDatesPage = lazy(() => import('./features/due-dates/due-dates-page'));
const AlertsPage = lazy(() => import('./features/alerts/alerts-page'));
const ActivitiesPage = lazy(() => import('./features/activities/activities-page'));
const SyncHistoryPage = lazy(() => import('./features/sync-history/sync-history-page'));
const SettingsPage = lazy(() => import('./features/settings/settings-page'));
const ConsolidatedPage = lazy(() => import('./features/consolidated/consolidated-page'));
const UsersPage = lazy(() => import('./features/users/users-page'));
const OutboxPage = lazy(() => import('./features/users/outbox-page'));
const ImportPage = lazy(() => import('./features/import/import-page'));
const InvoiceDocumentsPage = lazy(() => import('./features/invoice-documents/invoice-documents-page'));
const DunningPage = lazy(() => import('./features/dunning/dunning-page'));
const DunningCriteriaPage = lazy(() => import('./features/dunning/criteria-page'));
const DunningTasksPage = lazy(() => import('./features/dunning/tasks-page'));
const DunningSettingsPage = lazy(() => import('./features/dunning/settings/dunning-settings-page'));
const LetterheadPage = lazy(() => import('./features/letterhead/letterhead-page'));
const MailSettingsPage = lazy(() => import('./features/mail-settings/mail-settings-page'));
const TemplatesPage = lazy(() => import('./features/templates/templates-page'));
const NotFoundPage = lazy(() => import('./features/coming-soon/not-found-page'));

/** Pages reached from an emailed link, before anyone is signed in. */
const AcceptInvitationPage = lazy(() => import('./features/users/accept-invitation-page'));
const ResetPasswordPage = lazy(() => import('./features/users/reset-password-page'));

/** Path patterns; `:name` matches one segment, read by the page with `routeParams`. */
const ROUTES: Record<string, ComponentType> = {
  '/': DashboardPage,
  '/customers': CustomersPage,
  '/customers/:id': CustomerRecordPage,
  '/due-dates': DueDatesPage,
  '/alerts': AlertsPage,
  '/activities': ActivitiesPage,
  '/dunning': DunningPage,
  '/dunning/criteria': DunningCriteriaPage,
  '/dunning/tasks': DunningTasksPage,
  '/syncs': SyncHistoryPage,
  '/consolidated': ConsolidatedPage,
  '/settings': SettingsPage,
  '/settings/users': UsersPage,
  '/settings/outbox': OutboxPage,
  '/settings/dunning': DunningSettingsPage,
  '/settings/letterhead': LetterheadPage,
  '/settings/email': MailSettingsPage,
  '/settings/templates': TemplatesPage,
  '/import': ImportPage,
  '/invoice-documents': InvoiceDocumentsPage,
};

const PUBLIC_ROUTES: Record<string, ComponentType> = {
  '/invitation': AcceptInvitationPage,
  '/reset-password': ResetPasswordPage,
};

function normalize(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

/** The parameters of `pattern` in `pathname`, or null when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = normalize(pathname).split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    const value = have[i]!;
    if (part.startsWith(':')) {
      if (value === '') return null;
      params[part.slice(1)] = decodeURIComponent(value);
    } else if (part !== value) return null;
  }
  return params;
}

/** The parameters of the current page's path, e.g. `{ id }` on `/customers/:id`. */
export function routeParams(pathname: string): Record<string, string> {
  for (const pattern of Object.keys(ROUTES)) {
    const params = matchPath(pattern, pathname);
    if (params) return params;
  }
  return {};
}

/** The page for a path; unknown paths get the "not found" page. */
export function pageFor(pathname: string): ComponentType {
  for (const [pattern, page] of Object.entries(ROUTES)) {
    if (matchPath(pattern, pathname)) return page;
  }
  return NotFoundPage;
}

/** The page for a path anyone may open without signing in, or null. */
export function publicPageFor(pathname: string): ComponentType | null {
  return PUBLIC_ROUTES[normalize(pathname)] ?? null;
}
