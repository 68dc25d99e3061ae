import { useState, type FormEvent } from 'react';
import { useApp } from './appContext';
import { useNotifier } from './messages';

/** New customer: id and name. Refuses a duplicate id with a clear message. */
export function CreateCustomerForm({ onCreated }: { onCreated(id: string): void }) {
  const { store, dataChanged } = useApp();
  const notify = useNotifier();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    notify.clear();
    setBusy(true);
    try {
      const c = await store.createCustomer({ id, name });
      notify.success(`Customer ${c.name} (${c.id}) created. Now add 1 to 5 reference signatures.`);
      setId('');
      setName('');
      dataChanged();
      onCreated(c.id);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="create-customer" onSubmit={(e) => void submit(e)} data-testid="create-customer-form">
      <label>
        Customer id
        <input value={id} onChange={(e) => setId(e.target.value)} placeholder="e.g. C-10442" data-testid="customer-id-input" autoComplete="off" />
      </label>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Full name" data-testid="customer-name-input" autoComplete="off" />
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="create-customer-button">
        Create customer
      </button>
    </form>
  );
}
