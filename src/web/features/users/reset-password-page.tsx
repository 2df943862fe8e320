import NotFoundPage from '../coming-soon/not-found-page';

/** Placeholder until this page is built: the route is registered so links already work. */
export default function ResetPasswordPage() {
  return <NotFoundPage />;
}
