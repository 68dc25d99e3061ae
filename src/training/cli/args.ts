import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Parses --flags, printing usage and exiting on an unknown flag or --help. */
export function cliArgs<T extends NonNullable<ParseArgsConfig['options']>>(options: T, usage: string) {
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean' } }, allowPositionals: false }) as { values: Record<string, unknown> };
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    return values as unknown as { [K in keyof T]: T[K] extends { type: 'boolean' } ? boolean | undefined : string | undefined };
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}

/** A refused command line: says why on stderr and exits with status 2 (nothing has been read or written yet). */
export function refuse(message: string): never {
  console.error(message);
  process.exit(2);
}

export function num(v: string | undefined, def: number, name: string): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n)) {
    refuse(`--${name} must be a number, got "${v}"`);
  }
  return n;
}
