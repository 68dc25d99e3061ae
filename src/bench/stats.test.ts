import { describe, expect, it } from 'vitest';
import { formatMarkdownTable, formatTable, maxGap, mean, median, percentile, ratio, round, summarize, summarizeLongTasks } from './stats';

describe('percentile', () => {
  it('interpolates linearly between closest ranks (numpy default)', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 100)).toBe(10);
    expect(percentile(xs, 50)).toBe(5.5);
    expect(percentile(xs, 95)).toBeCloseTo(9.55, 10);
    expect(percentile(xs, 25)).toBeCloseTo(3.25, 10);
  });

  it('does not depend on input order and ignores non-finite values', () => {
    expect(percentile([10, NaN, 1, 5, Infinity], 50)).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('handles one value and no values', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('rejects percentiles outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], NaN)).toThrow(RangeError);
  });

  it('does not modify its input', () => {
    const xs = [3, 1, 2];
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('summaries', () => {
  it('summarize gives n, min, p50, p95, max, mean', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s).toMatchObject({ n: 100, min: 1, max: 100, mean: 50.5, p50: 50.5 });
    expect(s.p95).toBeCloseTo(95.05, 10);
    expect(mean([])).toBeNaN();
  });

  it('round, ratio', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(NaN)).toBeNull();
    expect(round(undefined)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 4)).toBeNull();
  });

  it('long tasks and heartbeat gaps', () => {
    expect(summarizeLongTasks([60, 120.04, 51])).toEqual({ count: 3, total_ms: 231, max_ms: 120 });
    expect(summarizeLongTasks([])).toEqual({ count: 0, total_ms: 0, max_ms: 0 });
    expect(maxGap([0, 16, 33, 150, 166])).toBe(117);
    expect(maxGap([5])).toBe(0);
  });
});

describe('tables', () => {
  it('aligns columns, right-aligns numbers, prints missing as "-"', () => {
    const t = formatTable(['backend', 'p50 ms', 'note'], [
      ['wasm', 3.14159, 'ok'],
      ['cpu', 1234.5, null],
      ['int', 3, 'n'],

      ['webgpu', null, 'skipped'],
    ]);
    const lines = t.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('backend | p50 ms | note   ');
    expect(lines[2]).toBe('wasm    |   3.14 | ok     ');
    expect(lines[3]).toBe('cpu     |   1235 | -      ');
    expect(lines[4]).toBe('int     |      3 | n      ');
    expect(lines[5]).toBe('webgpu  |      - | skipped');
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('markdown table has a separator row of the same width', () => {
    const md = formatMarkdownTable(['a', 'b'], [['x', 1]]).split('\n');
    expect(md[0].startsWith('| ') && md[0].endsWith(' |')).toBe(true);
    expect(md[1]).toMatch(/^\|-+\|-+\|$/);
    expect(md[1].length).toBe(md[0].length);
  });
});
