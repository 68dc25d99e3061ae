import { describe, expect, it } from 'vitest';
import { mergeResults, renderTable, type BenchResult } from './report';

function result(command: string, backends: Record<string, number>, skipped: Record<string, string> = {}): BenchResult {
  const r: BenchResult = {
    backends: {},
    peer: {},
    ratio_verify_p50: {},
    ratio_images_per_s: {},
    ratio_embed_p50: {},
    skipped: { ...skipped },
    machine: { cpu: 'test cpu' },
    conditions: { at_start: command },
    protocol: { runs: 100 },
    command,
    date: '2026-11-24T00:00:00.000Z',
  };
  for (const [b, p50] of Object.entries(backends)) {
    r.backends[b] = { cold_ms: 500, verify_p50_ms: p50, verify_p95_ms: p50 * 1.5, verify_runs: 100, breakdown_p50_ms: { embed: p50 / 2 }, images_per_s: 190, enroll_100_s: 5.5, enroll_customers: 100, enroll_100_extrapolated: false, tensor_growth: 0 };
    r.peer[b] = { cold_ms: 900, verify_p50_ms: p50 * 4, verify_p95_ms: p50 * 5, verify_runs: 100, breakdown_p50_ms: { embed: p50 * 3 }, images_per_s: 40, enroll_100_s: 22, enroll_customers: 100, enroll_100_extrapolated: false, tensor_growth: 0 };
    r.ratio_verify_p50[b] = 0.25;
    r.ratio_images_per_s[b] = 4.75;
    r.ratio_embed_p50[b] = 1 / 6;
  }
  for (const [b, why] of Object.entries(skipped)) r.backends[b] = { skipped: why };
  return r;
}

describe('benchmark report: merging a re-measured backend', () => {
  it('replaces only the re-measured backend and keeps the others, the machine and the protocol', () => {
    const earlier = result('npm run bench -- --json b.json', { wasm: 12, webgpu: 900 });
    const fresh = result('npm run bench -- --json b.json --backends wasm --merge', { wasm: 11 });
    fresh.machine = { cpu: 'other' };
    const merged = mergeResults(earlier, fresh, ['wasm'], (b) => ({ note: `re-measured ${b}` }));
    expect(merged.backends.wasm.verify_p50_ms).toBe(11);
    expect(merged.peer.wasm.verify_p50_ms).toBe(44);
    expect(merged.backends.webgpu.verify_p50_ms).toBe(900);
    expect(merged.machine).toEqual({ cpu: 'test cpu' });
    expect(merged.commands).toEqual(['npm run bench -- --json b.json', 'npm run bench -- --json b.json --backends wasm --merge']);
    expect(merged.conditions.per_backend).toEqual({ wasm: { note: 're-measured wasm' } });
    // The earlier result is not modified.
    expect(earlier.backends.wasm.verify_p50_ms).toBe(12);
    expect(earlier.commands).toBeUndefined();
  });

  it('drops a backend\'s old figures when it was skipped this time, and its old skip note when it ran', () => {
    const earlier = result('first', { wasm: 12 }, { webgpu: 'no adapter' });
    const fresh = result('second', { webgpu: 800 }, { wasm: 'did not start' });
    const merged = mergeResults(earlier, fresh, ['wasm', 'webgpu'], () => null);
    expect(merged.skipped).toEqual({ wasm: 'did not start' });
    expect(merged.backends.wasm).toEqual({ skipped: 'did not start' });
    expect(merged.peer.wasm).toBeUndefined();
    expect(merged.ratio_verify_p50.wasm).toBeUndefined();
    expect(merged.backends.webgpu.verify_p50_ms).toBe(800);
  });

  it('appends to the commands of a file that was merged before', () => {
    const once = mergeResults(result('a', { wasm: 12 }), result('b', { wasm: 11 }), ['wasm'], () => null);
    const twice = mergeResults(once, result('c', { wasm: 10 }), ['wasm'], () => null);
    expect(twice.commands).toEqual(['a', 'b', 'c']);
  });
});

describe('benchmark report: table', () => {
  it('prints ours and the peer per backend with peer/ours ratios, and one row per skipped backend', () => {
    const lines = renderTable(result('x', { wasm: 12 }, { webgpu: 'no WebGPU adapter' })).split('\n');
    const wasm = lines.find((l) => l.startsWith('wasm') && l.includes('ours'));
    const peer = lines.find((l) => l.startsWith('wasm') && l.includes('SigNet peer'));
    const skipped = lines.find((l) => l.startsWith('webgpu'));
    expect(wasm).toMatch(/ 12 .* 18 .* 4\.0x .* 6\.0x/);
    expect(peer).toMatch(/ 48 .* 60 /);
    expect(skipped).toContain('skipped: no WebGPU adapter');
  });

  it('marks enrolment extrapolated from fewer customers', () => {
    const r = result('x', { cpu: 300 });
    Object.assign(r.backends.cpu, { enroll_100_s: 412.34, enroll_customers: 4, enroll_100_extrapolated: true });
    const md = renderTable(r, true);
    expect(md).toContain('412.3* (4)');
    expect(md.split('\n')[1]).toMatch(/^\|[- |]+\|$/);
  });
});
