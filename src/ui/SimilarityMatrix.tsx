import type { DemoOutcome } from '../runtime/service';
import { RasterThumb } from './RasterThumb';

/** Pairwise distance and similarity of the demo images. */
export function SimilarityMatrix({ outcome }: { outcome: DemoOutcome }) {
  const { items, distances, similarities, penMatched } = outcome;
  const matched = (i: number, j: number) => penMatched.find((p) => (p.drawn === i && p.scanned === j) || (p.drawn === j && p.scanned === i));
  const shade = (s: number) => `hsl(${Math.round(120 * s)}, 60%, ${92 - 20 * s}%)`;
  return (
    <div className="matrix-wrap">
      <table className="matrix" data-testid="similarity-matrix" data-size={items.length}>
        <caption>
          Each cell: similarity (0–100%, 50% at the verification threshold) and model distance (lower = more alike).
        </caption>
        <thead>
          <tr>
            <th />
            {items.map((it, j) => (
              <th key={j} scope="col" title={it.name}>
                #{j + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((it, i) => (
            <tr key={i}>
              <th scope="row" title={it.name}>
                #{i + 1}
              </th>
              {items.map((_, j) => (
                <td
                  key={j}
                  data-testid="matrix-cell"
                  data-i={i}
                  data-j={j}
                  data-distance={i === j ? 0 : distances[i][j]}
                  data-similarity={similarities[i][j]}
                  data-pen-width={matched(i, j)?.penWidth}
                  title={matched(i, j) ? `drawing redrawn with the scan's pen (${matched(i, j)!.penWidth} px)` : undefined}
                  style={{ background: i === j ? undefined : shade(similarities[i][j]) }}
                  className={i === j ? 'diag' : ''}
                >
                  {i === j ? (
                    '—'
                  ) : (
                    <>
                      <strong>{(similarities[i][j] * 100).toFixed(0)}%</strong>
                      <br />
                      <small>
                        d={distances[i][j].toFixed(3)}
                        {matched(i, j) ? ' ✎' : ''}
                      </small>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {penMatched.length > 0 && (
        <p className="hint" data-testid="demo-pen-match" data-pairs={penMatched.length}>
          ✎ A drawing compared with a scanned or photographed signature: as in verification, the drawing was redrawn with the pen width measured on
          the image ({[...new Set(penMatched.map((p) => p.penWidth))].join(', ')} px), so the pad&apos;s even line does not count against it.
        </p>
      )}
      <ol className="matrix-legend">
        {items.map((it, i) => (
          <li key={i}>
            <RasterThumb image={it.image} label={`#${i + 1}: ${it.name}`} />
            <span>
              #{i + 1} {it.name}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
