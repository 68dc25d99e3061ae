import { useEffect, useState } from 'react';
import type { UnlikeReference } from '../runtime/unlikeReferences';
import { useApp } from './appContext';

/**
 * The customer's references unlike their others (CountersignService.unlikeReferences), kept up to date
 * with the store, for the marks beside the reference lists. A check that cannot run gives none: the
 * enrolment's own note reports it.
 */
export function useUnlikeReferences(customerId: string | null): UnlikeReference[] {
  const { service, dataVersion } = useApp();
  const [unlike, setUnlike] = useState<UnlikeReference[]>([]);
  useEffect(() => {
    let live = true;
    setUnlike([]);
    if (customerId) {
      service.unlikeReferences(customerId).then(
        (u) => live && setUnlike(u),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [service, customerId, dataVersion]);
  return unlike;
}
