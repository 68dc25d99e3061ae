import { useState } from 'react';
import { CreateCustomerForm } from '../CreateCustomerForm';
import { CustomerDetail } from './CustomerDetail';
import { CustomerTable } from './CustomerTable';

/** Customer management: searchable, paged list; add, rename, delete; references and history. */
export function CustomersTab({ selectedId, onSelect }: { selectedId: string | null; onSelect(id: string | null): void }) {
  const [adding, setAdding] = useState(false);
  return (
    <div className="tab-body two-col customers-tab">
      <aside className="side wide">
        <div className="row spread">
          <h2>Customers</h2>
          <button type="button" onClick={() => setAdding((a) => !a)} data-testid="customers-add-toggle" aria-expanded={adding}>
            {adding ? 'Cancel' : 'Add customer'}
          </button>
        </div>
        {adding && (
          <CreateCustomerForm
            onCreated={(id) => {
              setAdding(false);
              onSelect(id);
            }}
          />
        )}
        <CustomerTable selectedId={selectedId} onSelect={onSelect} />
      </aside>
      <section className="main-col">
        {selectedId ? (
          <CustomerDetail key={selectedId} customerId={selectedId} onDeleted={() => onSelect(null)} />
        ) : (
          <p className="placeholder">Pick a customer to see their references and verification history.</p>
        )}
      </section>
    </div>
  );
}
