import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine, shellQuote } from './commandLine';

describe('command lines on model cards', () => {
  it('leaves plain arguments bare and quotes the rest so a shell reads them back unchanged', () => {
    expect(shellQuote('models/countersign-v8')).toBe('models/countersign-v8');
    expect(shellQuote('--prior-weight')).toBe('--prior-weight');
    expect(shellQuote('a reason, with spaces')).toBe('"a reason, with spaces"');
    const odd = ['it\'s "quoted" $HOME `x` \\ ok', '', 'plain'];
    const echoed = execFileSync('sh', ['-c', `printf '%s\\n' ${odd.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
    expect(echoed).toBe(odd.join('\n') + '\n');
  });

  it('writes npm run <script> with its quoted arguments, or none', () => {
    expect(commandLine('recalibrate', ['--model', 'm', '--reason', 'why not'])).toBe('npm run recalibrate -- --model m --reason "why not"');
    expect(commandLine('train', [])).toBe('npm run train');
  });
});
