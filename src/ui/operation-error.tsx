/** @module The one way a page says that something the user asked for failed, with the reason, as text. */
import type { ReactNode } from 'react';
import { useT } from '@/src/ui/language';

/** Shows `error` (nothing while it is null) as an alert. */
export function OperationError({ error }: { error: string | null }): ReactNode {
  const { t } = useT();
  if (error === null) {
    return null;
  }
  return (
    <p className="error" role="alert">
      {t('operationFailed')}
      {error}
    </p>
  );
}
