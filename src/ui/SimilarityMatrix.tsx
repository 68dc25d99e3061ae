import type { DemoOutcome } from '../runtime/service';
import { RasterThumb } from './RasterThumb';

/** Pairwise distance and similarity of the demo images. */
export function SimilarityMatrix({ outcome }: { outcome: DemoOutcome }) {
  const { items, distances, similarities } = outcome;
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
                  style={{ background: i === j ? undefined : shade(similarities[i][j]) }}
                  className={i === j ? 'diag' : ''}
                >
                  {i === j ? (
                    '—'
                  ) : (
                    <>
                      <strong>{(similarities[i][j] * 100).toFixed(0)}%</strong>
                      <br />
                      <small>d={distances[i][j].toFixed(3)}</small>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
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
