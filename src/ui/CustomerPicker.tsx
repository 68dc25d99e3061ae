import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../storage';
import { MAX_REFERENCES } from '../storage';
import { useApp } from './appContext';
import { useNotifier } from './messages';

interface Props {
  prefix: string;
  selectedId: string | null;
  onSelect(id: string | null): void;
}

/** At most this many matches are rendered (the list stays fast with thousands of customers). */
const PICKER_LIMIT = 100;

/** Search customers by id or name and pick one. */
export function CustomerPicker({ prefix, selectedId, onSelect }: Props) {
  const { store, dataVersion } = useApp();
  const notify = useNotifier();
  const [query, setQuery] = useState('');
  const [customers, setCustomers] = useState<CustomerSummary[] | null>(null);

  useEffect(() => {
    let live = true;
    store.listCustomers(query).then(
      (list) => live && setCustomers(list),
      (err) => live && notify.error(err),
    );
    return () => {
      live = false;
    };
  }, [store, query, dataVersion, notify]);

  return (
    <div className="customer-picker">
      <input
        type="search"
        placeholder="Search by customer id or name"
        aria-label="Search customers by id or name"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid={`${prefix}-customer-search`}
      />
      {customers === null ? (
        <p className="hint">Loading customers…</p>
      ) : customers.length === 0 ? (
        <p className="hint" data-testid={`${prefix}-no-customers`}>
          {query ? `No customer matches "${query}".` : 'No customers enrolled yet.'}
        </p>
      ) : (
        <>
        <ul className="customer-list" data-testid={`${prefix}-customer-list`}>
          {customers.slice(0, PICKER_LIMIT).map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={c.id === selectedId ? 'selected' : ''}
                aria-pressed={c.id === selectedId}
                data-testid={`${prefix}-customer-option`}
                data-customer-id={c.id}
                onClick={() => onSelect(c.id)}
              >
                <span className="customer-name">{c.name}</span>
                <span className="customer-id">{c.id}</span>
                <span className="customer-refs">
                  {c.referenceCount}/{MAX_REFERENCES} refs
                </span>
              </button>
            </li>
          ))}
        </ul>
        {customers.length > PICKER_LIMIT && (
          <p className="hint" data-testid={`${prefix}-more-customers`}>
            Showing {PICKER_LIMIT} of {customers.length}: type more of the id or name to narrow the list.
          </p>
        )}
        </>
      )}
    </div>
  );
}
