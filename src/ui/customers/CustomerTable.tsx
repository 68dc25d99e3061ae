import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { MAX_REFERENCES, type CustomerSummary } from '../../storage';
import { useApp } from '../appContext';
import { useNotifier } from '../messages';
import { pageOf, searchCustomers } from './paging';

const PAGE_SIZE = 25;

/**
 * All customers, loaded once per data change and searched in memory as you type; only one page
 * is rendered, so thousands of customers stay fast.
 */
export function CustomerTable({ selectedId, onSelect }: { selectedId: string | null; onSelect(id: string): void }) {
  const { store, dataVersion } = useApp();
  const notify = useNotifier();
  const [all, setAll] = useState<CustomerSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const deferred = useDeferredValue(query);

  useEffect(() => {
    let live = true;
    store.listCustomers().then(
      (list) => live && setAll(list),
      (err) => live && notify.error(err),
    );
    return () => {
      live = false;
    };
  }, [store, dataVersion, notify]);

  const matches = useMemo(() => searchCustomers(all ?? [], deferred), [all, deferred]);
  const view = pageOf(matches, page, PAGE_SIZE);

  return (
    <div className="customer-table">
      <input
        type="search"
        placeholder="Search by customer id or name"
        aria-label="Search customers by id or name"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setPage(0);
        }}
        data-testid="customers-search"
      />
      {all === null ? (
        <p className="hint">Loading customers…</p>
      ) : matches.length === 0 ? (
        <p className="hint" data-testid="customers-none">
          {query ? `No customer matches "${query}".` : 'No customers yet.'}
        </p>
      ) : (
        <>
          <ul className="customer-list" data-testid="customers-list">
            {view.items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={c.id === selectedId ? 'selected' : ''}
                  aria-pressed={c.id === selectedId}
                  data-testid="customers-row"
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
          <nav className="pager row" aria-label="Customer pages">
            <button type="button" className="small" disabled={view.page === 0} onClick={() => setPage(view.page - 1)} data-testid="customers-prev">
              ‹ Previous
            </button>
            <span data-testid="customers-page-info" data-total={view.total}>
              {view.from}–{view.to} of {view.total}
              {all.length !== view.total && ` (${all.length} in all)`}
            </span>
            <button type="button" className="small" disabled={view.page >= view.pages - 1} onClick={() => setPage(view.page + 1)} data-testid="customers-next">
              Next ›
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
