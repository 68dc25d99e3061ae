import { useEffect } from 'react';
import { AppError } from '../runtime/errors';
import { appEvents } from './appEvents';
import { useNotifier } from './messages';

/** Turns database, GPU and input events into clear messages. */
export function AppNotices() {
  const notify = useNotifier();
  useEffect(
    () =>
      appEvents.on((e) => {
        switch (e.kind) {
          case 'db-blocked':
            notify.error(
              new AppError('database', 
                'Countersign needs to upgrade its local database, but another tab or window still has an older version of Countersign open. Close that tab (or reload it); this page continues by itself once it is closed. No data is lost.',
              ),
            );
            break;
          case 'db-unblocked':
            notify.info('The local database was upgraded. All stored data was kept.');
            break;
          case 'db-version-change':
            notify.error(
              new AppError('database', 'A newer version of Countersign was opened in another tab, so this tab closed its database connection to let it upgrade. Reload this page to continue; no data is lost.'),
            );
            break;
          case 'db-terminated':
            notify.error(new AppError('database', 'The browser closed the local database unexpectedly (storage cleared or disk error). Reload the page.'));
            break;
          case 'device-lost':
            notify.error(new AppError('device-lost', e.message));
            break;
          case 'input-note':
            notify.info(e.message);
            break;
        }
      }),
    [notify],
  );
  return null;
}
