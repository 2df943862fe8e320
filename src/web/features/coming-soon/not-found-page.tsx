import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router/router';
import { useDocumentTitle } from '../../shell/app-shell';
import { buttonClasses } from '../../ui/button';
import { EmptyState } from '../../ui/feedback';

/** Any path the app does not know, including pages still to come. */
export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="mx-auto max-w-3xl pt-8">
      <EmptyState
        icon={<Compass className="size-8" />}
        headingLevel={1}
        title={t('notFound.title')}
        description={t('notFound.text')}
        action={
          <Link to="/" className={buttonClasses()}>
            {t('notFound.action')}
          </Link>
        }
      />
    </div>
  );
}
