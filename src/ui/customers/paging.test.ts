import { describe, expect, it } from 'vitest';
import { pageOf, searchCustomers } from './paging';

const customers = Array.from({ length: 5000 }, (_, i) => ({ id: `C-${String(i).padStart(5, '0')}`, name: `Customer ${i}` }));

describe('customer list paging and search', () => {
  it('pages and clamps', () => {
    expect(pageOf(customers, 0, 25)).toMatchObject({ page: 0, pages: 200, total: 5000, from: 1, to: 25 });
    expect(pageOf(customers, 199, 25)).toMatchObject({ from: 4976, to: 5000 });
    expect(pageOf(customers, 999, 25).page).toBe(199);
    expect(pageOf(customers, -3, 25).page).toBe(0);
    expect(pageOf([], 0, 25)).toMatchObject({ pages: 1, from: 0, to: 0, items: [] });
  });
  it('searches 5,000 customers by id or name quickly', () => {
    const t0 = performance.now();
    expect(searchCustomers(customers, 'c-0424').map((c) => c.id)).toEqual(Array.from({ length: 10 }, (_, i) => `C-0424${i}`));
    expect(searchCustomers(customers, 'customer 4999')).toHaveLength(1);
    expect(searchCustomers(customers, '  ')).toHaveLength(5000);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
