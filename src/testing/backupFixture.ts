import type { BackupPayload } from '../backup/validate';

/** A small payload with every kind of record and optional field, for tests. */
export function samplePayload(): BackupPayload {
  const image = new Uint8Array(4 * 2).map((_, i) => i * 30);
  return {
    customers: [{ id: 'C-1', name: 'Ada Lovelace', nameKey: 'ada lovelace', createdAt: 1 }],
    references: [
      {
        id: 'r1', customerId: 'C-1', activeCustomerId: 'C-1', image, width: 4, height: 2,
        embedding: Float32Array.from([0.1, -2.5e-8, 3.4028234e38, 1 / 3]),
        modelId: 'm', modelVersion: '1', preprocessVersion: 'pp1', source: 'file', label: 'a.png', createdAt: 2,
      },
      {
        id: 'r2', customerId: 'C-1', image, width: 4, height: 2, retiredAt: 9,
        embedding: Float32Array.from([1, 2, 3, 4]),
        modelId: 'm', modelVersion: '1', preprocessVersion: 'pp1', source: 'pad', label: 'drawing', createdAt: 3,
        strokes: [{ pointerType: 'pen', points: [{ x: 1.5, y: 2, pressure: 0.3, t: 0 }, { x: 9, y: 4.25, pressure: 0.7, t: 16.5 }] }],
      },
    ],
    audit: [
      {
        id: 'a1', time: 5, customerId: 'C-1', customerName: 'Ada Lovelace', verdict: 'refer', score: 1.2, threshold: 1.3, referBand: 0.08,
        operatingPoint: null, distances: [0.5, 0.25], referenceIds: ['r1'], modelId: 'm', modelVersion: '1', backend: 'wasm',
        channel: 'teller', thumbnail: image, width: 4, height: 2, note: 'ID checked, "ok", =1+1',
        unlikeReferences: [2], verdictOnAll: 'genuine',
      },
    ],
    settings: [{ key: 'operatingPoint', value: null }, { key: 'referBand', value: 0.1 }],
  };
}
