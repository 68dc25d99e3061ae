import type { AuditRecord } from '../../storage';
import { RasterThumb } from '../RasterThumb';
import { AuditNote } from './AuditNote';
import { referencePlaces } from '../UnlikeDependence';

const VERDICT = { genuine: 'Genuine', forged: 'Forged', refer: 'Refer' } as const;

/** Audit records as a table; showCustomer=false for one customer's history. */
export function AuditTable({ rows, showCustomer = true }: { rows: readonly AuditRecord[]; showCustomer?: boolean }) {
  if (rows.length === 0) return <p className="hint" data-testid="audit-empty">No verifications recorded yet.</p>;
  return (
    <div className="table-scroll">
      <table className="audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>Time</th>
            {showCustomer && <th>Customer</th>}
            <th>Verdict</th>
            <th>Score</th>
            <th>Distances</th>
            <th>Model / backend</th>
            <th>Questioned</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row" data-audit-id={r.id} data-verdict={r.verdict} data-customer-id={r.customerId}>
              <td>
                <time dateTime={new Date(r.time).toISOString()}>{new Date(r.time).toLocaleString()}</time>
                {r.channel === 'kiosk' && <span className="tag">kiosk</span>}
              </td>
              {showCustomer && (
                <td>
                  {r.customerName} <span className="customer-id">{r.customerId}</span>
                </td>
              )}
              <td className={`verdict-cell verdict-${r.verdict}`}>
                {VERDICT[r.verdict]}
                {r.unlikeReferences?.length ? (
                  <span className="hint" data-testid="audit-unlike">
                    {' '}
                    ({referencePlaces(r.unlikeReferences)} unlike {r.unlikeReferences.length === r.referenceIds.length ? 'each other' : 'the others'}
                    {r.verdictOnAll && r.verdictOnAll !== r.verdict ? `; ${VERDICT[r.verdictOnAll].toLowerCase()} on all references` : ''})
                  </span>
                ) : null}
              </td>
              <td>
                {r.score.toFixed(3)}
                <span className="hint"> / {r.threshold.toFixed(3)} ±{(r.referBand * 100).toFixed(0)}%</span>
              </td>
              <td className="distances">{r.distances.map((d) => d.toFixed(3)).join(', ')}</td>
              <td>
                {r.modelId} v{r.modelVersion}
                <br />
                <span className="hint">{r.backend}</span>
              </td>
              <td>
                <RasterThumb image={r.thumbnail} label={`Questioned signature of ${r.customerId}`} testId="audit-thumb" />
              </td>
              <td>
                <AuditNote record={r} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
