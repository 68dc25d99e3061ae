import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

const PLACEHOLDER = /(["'`])__COUNTERSIGN_PRECACHE_MANIFEST__\1/;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const posix = (p: string) => p.split(sep).join('/');

/**
 * Builds the service worker (src/offline/sw.ts -> sw.js) and writes into it the list of every
 * file of the build, the public folder and models/, with a version hash of their contents, so
 * the worker can precache the app, the model and the wasm binaries for offline use.
 */
export function serviceWorkerPlugin(opts: { root: string; swEntry: string; modelsDir: string; exclude?: RegExp }): Plugin {
  let outDir = '';
  let publicDir = '';
  return {
    name: 'countersign-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: opts.swEntry, fileName: 'sw.js' });
    },
    writeBundle(_options, bundle) {
      const files = new Map<string, Buffer | string>();
      for (const [name, item] of Object.entries(bundle)) {
        if (name === 'sw.js' || name.endsWith('.map') || opts.exclude?.test(name)) continue;
        files.set(name, item.type === 'chunk' ? item.code : Buffer.from(item.source as string | Uint8Array));
      }
      for (const p of walk(publicDir)) files.set(posix(relative(publicDir, p)), readFileSync(p));
      for (const p of walk(opts.modelsDir)) files.set(`models/${posix(relative(opts.modelsDir, p))}`, readFileSync(p));
      const names = [...files.keys()].sort();
      const h = createHash('sha256');
      for (const n of names) h.update(n).update('\0').update(files.get(n)!).update('\0');
      const manifest = { version: h.digest('hex').slice(0, 16), files: names };
      const swPath = join(outDir, 'sw.js');
      const code = readFileSync(swPath, 'utf8');
      if (!PLACEHOLDER.test(code)) this.error('sw.js has no precache placeholder');
      writeFileSync(swPath, code.replace(PLACEHOLDER, () => JSON.stringify(JSON.stringify(manifest))));
    },
  };
}

/**
 * Content-Security-Policy: only the app's own origin. 'wasm-unsafe-eval' lets the wasm backend
 * compile its binaries; blob: workers are the wasm backend's pthreads. Injected into index.html
 * of the build only (the dev server needs inline scripts for hot reload).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' blob: data:",
  "style-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

export function cspPlugin(): Plugin {
  return {
    name: 'countersign-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!/(^|[\\/])index\.html$/.test(ctx.filename)) return html;
        return {
          html,
          tags: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
        };
      },
    },
  };
}
