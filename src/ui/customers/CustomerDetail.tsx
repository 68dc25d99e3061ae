import { useCallback, useEffect, useState } from 'react';
import type { SignatureInput } from '../../runtime/service';
import { MAX_REFERENCES, type AuditRecord, type CustomerRecord, type ReferenceRecord } from '../../storage';
import { useApp } from '../appContext';
import { AuditTable } from '../audit/AuditTable';
import { useNotifier } from '../messages';
import { SignatureInputPanel } from '../SignatureInputPanel';
import { useUnlikeReferences } from '../useUnlikeReferences';
import { DeleteCustomer } from './DeleteCustomer';
import { ReferenceGallery } from './ReferenceGallery';
import { RenameCustomer } from './RenameCustomer';

/** One customer: rename, delete, references (add / retire), verification history. */
export function CustomerDetail({ customerId, onDeleted }: { customerId: string; onDeleted(): void }) {
  const { store, service, dataVersion, dataChanged } = useApp();
  const notify = useNotifier();
  const [customer, setCustomer] = useState<CustomerRecord | null | undefined>(undefined);
  const [refs, setRefs] = useState<ReferenceRecord[]>([]);
  const [history, setHistory] = useState<AuditRecord[]>([]);
  const [historyTotal, setHistoryTotal] = useState(0);
  const unlike = useUnlikeReferences(customerId);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([store.getCustomer(customerId), store.listReferences(customerId), store.audit.list({ customerId, limit: 50 }), store.audit.count(customerId)]).then(
      ([c, r, h, n]) => {
        if (!live) return;
        setCustomer(c ?? null);
        setRefs(r);
        setHistory(h);
        setHistoryTotal(n);
      },
      (err) => live && notify.error(err),
    );
    return () => {
      live = false;
    };
  }, [store, customerId, dataVersion, notify]);

  const active = refs.filter((r) => r.retiredAt === undefined);

  const add = useCallback(
    async (inputs: SignatureInput[]): Promise<boolean> => {
      notify.clear();
      setBusy(true);
      try {
        const added = await service.enroll(customerId, inputs);
        notify.success(`Added ${added.length} reference signature${added.length === 1 ? '' : 's'}.`);
        return true;
      } catch (err) {
        notify.error(err);
        return false;
      } finally {
        dataChanged();
        setBusy(false);
      }
    },
    [service, customerId, notify, dataChanged],
  );

  const retire = async (r: ReferenceRecord) => {
    notify.clear();
    try {
      await store.retireReference(r.id);
      notify.info(`Reference "${r.label}" retired: it is kept for the record but no longer compared with.`);
    } catch (err) {
      notify.error(err);
    } finally {
      dataChanged();
    }
  };

  if (customer === undefined) return <p className="hint">Loading…</p>;
  if (customer === null) return <p className="placeholder">This customer no longer exists.</p>;

  return (
    <div className="customer-detail" data-testid="customer-detail" data-customer-id={customer.id}>
      <header className="customer-header">
        <h2 data-testid="customer-detail-heading">
          {customer.name} <span className="customer-id">{customer.id}</span>
        </h2>
        <span className="count" data-testid="customer-active-count" data-count={active.length}>
          {active.length}/{MAX_REFERENCES} active references
        </span>
      </header>
      <p className="hint">Customer since {new Date(customer.createdAt).toLocaleDateString()}.</p>
      <div className="row">
        <RenameCustomer customer={customer} />
        <DeleteCustomer customer={customer} references={refs.length} onDeleted={onDeleted} />
      </div>
      <h3>Reference signatures</h3>
      <ReferenceGallery refs={refs} onRetire={(r) => void retire(r)} disabled={busy} unlike={unlike} />
      {active.length < MAX_REFERENCES ? (
        <SignatureInputPanel
          prefix="customer"
          title={`Add references (${MAX_REFERENCES - active.length} more allowed)`}
          multiple
          disabled={busy}
          onInputs={add}
          onError={(e) => notify.error(e)}
        />
      ) : (
        <p className="hint">This customer has the maximum of {MAX_REFERENCES} active references; retire one to add another.</p>
      )}
      <h3>
        Verification history <span className="count" data-testid="customer-history-count">{historyTotal}</span>
      </h3>
      <AuditTable rows={history} showCustomer={false} />
      {historyTotal > history.length && <p className="hint">Showing the latest {history.length}; the Audit log tab has all of them.</p>}
    </div>
  );
}
