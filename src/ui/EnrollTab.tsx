import { useCallback, useEffect, useState } from 'react';
import type { SignatureInput } from '../runtime/service';
import { MAX_REFERENCES, type CustomerRecord, type ReferenceRecord } from '../storage';
import { useApp } from './appContext';
import { CreateCustomerForm } from './CreateCustomerForm';
import { CustomerPicker } from './CustomerPicker';
import { useNotifier } from './messages';
import { ReferenceList } from './ReferenceList';
import { SignatureInputPanel } from './SignatureInputPanel';
import { useUnlikeReferences } from './useUnlikeReferences';

/** Create customers and manage their 1-5 reference signatures. */
export function EnrollTab({ selectedId, onSelect }: { selectedId: string | null; onSelect(id: string | null): void }) {
  const { service, store, dataVersion, dataChanged } = useApp();
  const notify = useNotifier();
  const [customer, setCustomer] = useState<CustomerRecord | null>(null);
  const [refs, setRefs] = useState<ReferenceRecord[]>([]);
  // Marks kept beside the references while an odd one stays (the note after enrolling is gone after the next action).
  const unlike = useUnlikeReferences(selectedId);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    if (!selectedId) {
      setCustomer(null);
      setRefs([]);
      return;
    }
    Promise.all([store.getCustomer(selectedId), store.listActiveReferences(selectedId)]).then(
      ([c, r]) => {
        if (!live) return;
        setCustomer(c ?? null);
        setRefs(r);
      },
      (err) => live && notify.error(err),
    );
    return () => {
      live = false;
    };
  }, [store, selectedId, dataVersion, notify]);

  const add = useCallback(
    async (inputs: SignatureInput[]): Promise<boolean> => {
      if (!customer) return false;
      notify.clear();
      setBusy(true);
      try {
        const added = await service.enroll(customer.id, inputs);
        notify.success(`Added ${added.length} reference signature${added.length === 1 ? '' : 's'} for ${customer.name}.`);
        return true;
      } catch (err) {
        notify.error(err);
        return false;
      } finally {
        dataChanged();
        setBusy(false);
      }
    },
    [customer, service, notify, dataChanged],
  );

  const remove = async (r: ReferenceRecord) => {
    notify.clear();
    setBusy(true);
    try {
      await store.removeReference(r.id);
      notify.info(`Removed reference "${r.label}".`);
    } catch (err) {
      notify.error(err);
    } finally {
      dataChanged();
      setBusy(false);
    }
  };

  const deleteCustomer = async () => {
    if (!customer) return;
    if (!window.confirm(`Delete ${customer.name} (${customer.id}) and all ${refs.length} reference signatures? This cannot be undone.`)) return;
    notify.clear();
    try {
      await store.deleteCustomer(customer.id);
      notify.info(`Deleted customer ${customer.name} (${customer.id}).`);
      onSelect(null);
    } catch (err) {
      notify.error(err);
    } finally {
      dataChanged();
    }
  };

  return (
    <div className="tab-body two-col">
      <aside className="side">
        <h2>New customer</h2>
        <CreateCustomerForm onCreated={onSelect} />
        <h2>Customers</h2>
        <CustomerPicker prefix="enroll" selectedId={selectedId} onSelect={onSelect} />
      </aside>
      <section className="main-col">
        {!customer ? (
          <p className="placeholder">Create a customer, or pick one from the list, to add reference signatures.</p>
        ) : (
          <>
            <header className="customer-header">
              <h2 data-testid="enroll-customer-heading">
                {customer.name} <span className="customer-id">{customer.id}</span>
              </h2>
              <span className="count" data-testid="reference-count" data-count={refs.length}>
                {refs.length} / {MAX_REFERENCES} references
              </span>
              <button type="button" className="small danger" onClick={() => void deleteCustomer()} data-testid="delete-customer-button">
                Delete customer
              </button>
            </header>
            {refs.length === 0 ? (
              <p className="hint">No references yet. Add 1 to {MAX_REFERENCES} genuine signatures; 5 give the most reliable verdicts.</p>
            ) : (
              <ReferenceList refs={refs} onRemove={(r) => void remove(r)} disabled={busy} unlike={unlike} />
            )}
            {refs.length >= MAX_REFERENCES && (
              <p className="hint warn" data-testid="reference-limit">
                This customer has the maximum of {MAX_REFERENCES} references. Remove one to add another.
              </p>
            )}
            <SignatureInputPanel
              prefix="enroll"
              title={`Add reference signatures (${refs.length} of ${MAX_REFERENCES})`}
              multiple
              disabled={busy}
              onInputs={add}
              onError={(e) => {
                notify.clear();
                notify.error(e);
              }}
            />
            {busy && (
              <p className="busy" data-testid="busy-indicator">
                Working…
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}
