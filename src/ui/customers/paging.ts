import { matchesCustomer } from '../../storage/validation';

export interface Page<T> {
  items: T[];
  /** 0-based page shown (clamped). */
  page: number;
  pages: number;
  total: number;
  /** 1-based index of the first and last item shown (0 when empty). */
  from: number;
  to: number;
}

/** One page of a list; the page number is clamped into range. */
export function pageOf<T>(list: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const p = Math.min(Math.max(0, Math.floor(page) || 0), pages - 1);
  const items = list.slice(p * size, p * size + size);
  return { items, page: p, pages, total: list.length, from: items.length ? p * size + 1 : 0, to: p * size + items.length };
}

/** Customers matching a search (id or name, case-insensitive), keeping the list's order. */
export function searchCustomers<T extends { id: string; name: string }>(list: readonly T[], query: string): T[] {
  return query.trim() ? list.filter((c) => matchesCustomer(c, query)) : [...list];
}
