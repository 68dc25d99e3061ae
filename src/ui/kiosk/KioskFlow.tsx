import { useState, type FormEvent } from 'react';
import { AppError } from '../../runtime/errors';
import type { DecisionPolicy } from '../../runtime/policy';
import type { CountersignService, SignatureInput, VerifyOutcome } from '../../runtime/service';
import { useNotifier } from '../messages';
import { PadPanel } from '../PadPanel';

const VERDICT = {
  genuine: { title: 'Signature accepted', text: 'Thank you.' },
  forged: { title: 'Signature not accepted', text: 'Please see a member of staff.' },
  refer: { title: 'Please see a member of staff', text: 'Your signature needs a second look.' },
} as const;

/** One customer's session: id, signature, verdict. Shows no name or other customer data. */
export function KioskFlow({ service, policy, onDone }: { service: CountersignService; policy: DecisionPolicy; onDone(): void }) {
  const notify = useNotifier();
  const [idText, setIdText] = useState('');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<VerifyOutcome | null>(null);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    notify.clear();
    const id = idText.trim();
    if (!id) {
      notify.error(new AppError('invalid-input', 'Enter your customer number.'));
      return;
    }
    setBusy(true);
    try {
      const [c, n] = await Promise.all([service.store.getCustomer(id), service.store.countReferences(id)]);
      if (!c || n === 0) notify.error(new AppError('no-customer', 'This customer number cannot be checked here. Check the number, or please see a member of staff.'));
      else setCustomerId(c.id);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  const verify = async (input: SignatureInput): Promise<boolean> => {
    if (!customerId) return false;
    notify.clear();
    setBusy(true);
    try {
      setOutcome(await service.verify(customerId, input, policy, 'kiosk'));
      return true;
    } catch (err) {
      notify.error(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (outcome) {
    const v = VERDICT[outcome.result.verdict];
    return (
      <section className={`kiosk-verdict verdict-${outcome.result.verdict}`} data-testid="kiosk-verdict" data-verdict={outcome.result.verdict} aria-live="assertive">
        <h2>{v.title}</h2>
        <p>{v.text}</p>
        <button type="button" className="kiosk-button primary" onClick={onDone} data-testid="kiosk-done">
          Done
        </button>
      </section>
    );
  }

  if (!customerId) {
    return (
      <form className="kiosk-step" onSubmit={(e) => void start(e)} data-testid="kiosk-step-id">
        <label htmlFor="kiosk-id">Customer number</label>
        <input
          id="kiosk-id"
          className="kiosk-input"
          value={idText}
          onChange={(e) => setIdText(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          data-testid="kiosk-id-input"
        />
        <button type="submit" className="kiosk-button primary" disabled={busy} data-testid="kiosk-continue">
          Continue
        </button>
      </form>
    );
  }

  return (
    <section className="kiosk-step kiosk-sign" data-testid="kiosk-step-sign">
      <p className="kiosk-prompt">Please sign in the box below.</p>
      <PadPanel prefix="kiosk" disabled={busy} onDrawing={verify} onError={(e) => notify.error(e)} useLabel="Check my signature" />
      {busy && <p className="busy">Checking…</p>}
      <button type="button" className="kiosk-button" onClick={onDone} data-testid="kiosk-cancel">
        Start over
      </button>
    </section>
  );
}
