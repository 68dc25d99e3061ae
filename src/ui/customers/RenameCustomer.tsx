import { useState, type FormEvent } from 'react';
import type { CustomerRecord } from '../../storage';
import { useApp } from '../appContext';
import { useNotifier } from '../messages';

export function RenameCustomer({ customer }: { customer: CustomerRecord }) {
  const { store, dataChanged } = useApp();
  const notify = useNotifier();
  const [name, setName] = useState(customer.name);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    notify.clear();
    setBusy(true);
    try {
      const c = await store.renameCustomer(customer.id, name);
      notify.success(`Renamed ${customer.id} to ${c.name}.`);
      dataChanged();
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="row" onSubmit={(e) => void submit(e)} data-testid="rename-form">
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} data-testid="rename-input" autoComplete="off" />
      </label>
      <button type="submit" disabled={busy || name.trim() === customer.name} data-testid="rename-button">
        Rename
      </button>
    </form>
  );
}
