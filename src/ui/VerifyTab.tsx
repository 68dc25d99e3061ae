import { useCallback, useEffect, useState } from 'react';
import type { SignatureInput, VerifyOutcome } from '../runtime/service';
import type { CustomerRecord, ReferenceRecord } from '../storage';
import { useApp } from './appContext';
import { AuditNote } from './audit/AuditNote';
import { CustomerPicker } from './CustomerPicker';
import { useNotifier } from './messages';
import { ReferenceList } from './ReferenceList';
import { SignatureInputPanel } from './SignatureInputPanel';
import { useUnlikeReferences } from './useUnlikeReferences';
import { VerdictPanel } from './VerdictPanel';

/** Pick a customer, give a questioned signature, see the verdict. */
export function VerifyTab({ selectedId, onSelect }: { selectedId: string | null; onSelect(id: string | null): void }) {
  const { service, store, dataVersion, policy } = useApp();
  const notify = useNotifier();
  const [customer, setCustomer] = useState<CustomerRecord | null>(null);
  const [refs, setRefs] = useState<ReferenceRecord[]>([]);
  const [outcome, setOutcome] = useState<VerifyOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const unlike = useUnlikeReferences(selectedId);

  useEffect(() => {
    let live = true;
    setOutcome(null);
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

  const verify = useCallback(
    async (inputs: SignatureInput[]): Promise<boolean> => {
      if (!customer) return false;
      notify.clear();
      setOutcome(null);
      if (inputs.length !== 1) {
        notify.error(new Error(`Give one questioned signature at a time (got ${inputs.length} files).`));
        return false;
      }
      setBusy(true);
      try {
        setOutcome(await service.verify(customer.id, inputs[0], policy));
        return true;
      } catch (err) {
        notify.error(err);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [customer, service, notify, policy],
  );

  return (
    <div className="tab-body two-col">
      <aside className="side">
        <h2>Customer</h2>
        <CustomerPicker prefix="verify" selectedId={selectedId} onSelect={onSelect} />
      </aside>
      <section className="main-col">
        {!customer ? (
          <p className="placeholder">Pick the customer whose signature you are checking.</p>
        ) : (
          <>
            <header className="customer-header">
              <h2 data-testid="verify-customer-heading">
                {customer.name} <span className="customer-id">{customer.id}</span>
              </h2>
              <span className="count">{refs.length} references</span>
            </header>
            {refs.length === 0 && (
              <p className="hint warn" data-testid="verify-no-references">
                This customer has no reference signatures yet: enroll some on the Enroll tab first.
              </p>
            )}
            {outcome ? (
              <>
                <VerdictPanel outcome={outcome} unlike={unlike} />
                <AuditNote key={outcome.audit.id} record={outcome.audit} />
              </>
            ) : (
              refs.length > 0 && <ReferenceList refs={refs} unlike={unlike} />
            )}
            <SignatureInputPanel
              prefix="verify"
              title="Questioned signature"
              multiple={false}
              disabled={busy}
              onInputs={verify}
              onError={(e) => {
                notify.clear();
                notify.error(e);
              }}
            />
            {busy && (
              <p className="busy" data-testid="busy-indicator">
                Verifying…
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}
