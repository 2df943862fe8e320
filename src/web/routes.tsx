import { type ComponentType, lazy } from 'react';

/** Pages of the signed-in app, each loaded on first visit. */
const DashboardPage = lazy(() => import('./features/dashboard/dashboard-page'));
const CustomersPage = lazy(() => import('./features/customers/customers-page'));
const ImportPage = lazy(() => import('./features/import/import-page'));
const NotFoundPage = lazy(() => import('./features/coming-soon/not-found-page'));

const ROUTES: Record<string, ComponentType> = {
  '/': DashboardPage,
  '/customers': CustomersPage,
  '/import': ImportPage,
};

/** The page for a path; unknown paths get the "not found" page. */
export function pageFor(pathname: string): ComponentType {
  const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return ROUTES[normalized] ?? NotFoundPage;
}
