import { useState } from 'react';
import type { CustomerRecord } from '../../storage';
import { useApp } from '../appContext';
import { useNotifier } from '../messages';

/** Delete with an explicit confirmation step (typing is not needed; a second, distinct button is). */
export function DeleteCustomer({ customer, references, onDeleted }: { customer: CustomerRecord; references: number; onDeleted(): void }) {
  const { store, dataChanged } = useApp();
  const notify = useNotifier();
  const [confirming, setConfirming] = useState(false);

  const remove = async () => {
    notify.clear();
    try {
      await store.deleteCustomer(customer.id);
      notify.info(`Deleted customer ${customer.name} (${customer.id}) and ${references} reference signature(s). Their audit records are kept.`);
      onDeleted();
      dataChanged();
    } catch (err) {
      notify.error(err);
    }
  };

  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="delete-customer">
        Delete customer…
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label="Confirm deletion" data-testid="delete-confirmation">
      <span>
        Delete {customer.name} ({customer.id}) and all {references} reference signature(s)? This cannot be undone.
      </span>
      <button type="button" className="danger" onClick={() => void remove()} data-testid="delete-confirm">
        Yes, delete
      </button>
      <button type="button" onClick={() => setConfirming(false)} data-testid="delete-cancel">
        Cancel
      </button>
    </div>
  );
}
