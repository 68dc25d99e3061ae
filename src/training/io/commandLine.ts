/** Command lines recorded on model cards, so a reader can paste them back into a shell. */

/** One argument as a POSIX shell reads it back: bare when plain, else in double quotes with \ " $ ` escaped. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/["\\$`]/g, '\\$&')}"`;
}

/** The command line that reran this script: `npm run <script> -- <its arguments, quoted>`. */
export function commandLine(script: string, argv: readonly string[] = process.argv.slice(2)): string {
  return argv.length ? `npm run ${script} -- ${argv.map(shellQuote).join(' ')}` : `npm run ${script}`;
}
