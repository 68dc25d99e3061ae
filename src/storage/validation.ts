import { StorageError } from './errors';

export const CUSTOMER_ID_MAX = 64;
export const CUSTOMER_NAME_MAX = 120;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;

/** Trims and checks a new customer's id and name; throws StorageError('invalid-customer'). */
export function normaliseCustomerInput(input: { id: string; name: string }): { id: string; name: string } {
  const id = (input.id ?? '').trim();
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  if (!id) throw new StorageError('invalid-customer', 'Enter a customer id.');
  if (id.length > CUSTOMER_ID_MAX) throw new StorageError('invalid-customer', `The customer id is too long (${id.length} characters, at most ${CUSTOMER_ID_MAX}).`);
  if (!ID_PATTERN.test(id)) {
    throw new StorageError('invalid-customer', 'The customer id may contain only letters, digits and . _ - / and must start with a letter or digit.');
  }
  if (!name) throw new StorageError('invalid-customer', 'Enter the customer name.');
  if (name.length > CUSTOMER_NAME_MAX) throw new StorageError('invalid-customer', `The name is too long (at most ${CUSTOMER_NAME_MAX} characters).`);
  return { id, name };
}

/** Case-insensitive match of a search text against a customer's id or name. Empty query matches all. */
export function matchesCustomer(customer: { id: string; name: string }, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return customer.id.toLowerCase().includes(q) || customer.name.toLowerCase().includes(q);
}
