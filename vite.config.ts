import { cpSync, createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { cspPlugin, serviceWorkerPlugin } from './vite-plugins/offline';

const root = fileURLToPath(new URL('.', import.meta.url));
const modelsDir = resolve(root, 'models');

/**
 * Cross-origin isolation (COOP + COEP) lets the wasm backend use SharedArrayBuffer threads.
 * Every resource of the app is same-origin, so require-corp blocks nothing we need.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const types: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8',
};

/** Serves the top-level models/ directory at /models/ in dev, and copies it into the build. */
function modelsPlugin(): Plugin {
  let outDir = resolve(root, 'dist');
  return {
    name: 'countersign-models',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
        const file = resolve(modelsDir, `.${url}`);
        if (!(file === modelsDir || file.startsWith(modelsDir + sep)) || !existsSync(file) || !statSync(file).isFile()) {
          next();
          return;
        }
        res.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-cache');
        for (const [k, v] of Object.entries(isolationHeaders)) res.setHeader(k, v);
        createReadStream(file).pipe(res);
      });
    },
    closeBundle() {
      if (existsSync(modelsDir)) cpSync(modelsDir, join(outDir, 'models'), { recursive: true });
    },
  };
}

/**
 * The wasm backend starts its pthread workers from `wasmFactoryThreadedSimd.toString()`: the
 * factory's source text, which only works while the code is exactly as Emscripten wrote it.
 * Minification renames its closure variable `_scriptDir` and drops the `typeof` guard, so the
 * workers die with "e is not defined". This hands the workers the original, self-contained
 * factory text from wasm-out/ instead (same code, untouched by the bundler).
 */
function wasmThreadsPlugin(): Plugin {
  const factoryFile = resolve(root, 'node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const target = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
  const needle = 'wasmFactoryThreadedSimd.toString()';
  return {
    name: 'countersign-wasm-threads',
    transform(code, id) {
      if (!target.test(id.split('?')[0])) return null;
      if (!code.includes(needle)) this.error(`${needle} not found in ${id}: check the tfjs-backend-wasm version`);
      const src = readFileSync(factoryFile, 'utf8');
      const end = src.lastIndexOf('})();');
      if (!src.startsWith('\nvar WasmBackendModuleThreadedSimd = ') && !src.startsWith('var WasmBackendModuleThreadedSimd = ')) {
        this.error(`unexpected start of ${factoryFile}`);
      }
      // The IIFE evaluates to the factory function itself, which is what the worker calls.
      const iife = src.slice(src.indexOf('=') + 1, end + '})()'.length).trim();
      return { code: code.replace(needle, JSON.stringify(iife)), map: null };
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    modelsPlugin(),
    wasmThreadsPlugin(),
    serviceWorkerPlugin({ root, swEntry: resolve(root, 'src/offline/sw.ts'), modelsDir, exclude: /^bench/ }),
    cspPlugin(),
  ],
  server: { host: '127.0.0.1', port: 5173, headers: isolationHeaders },
  preview: { host: '127.0.0.1', port: 4173, headers: isolationHeaders },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
    // bench.html: the benchmark page driven by `npm run bench` (scripts/bench.ts).
    rolldownOptions: { input: { main: resolve(root, 'index.html'), bench: resolve(root, 'bench.html') } },
  },
  worker: { format: 'es' },
  optimizeDeps: { rolldownOptions: { plugins: [wasmThreadsPlugin()] } },
});
