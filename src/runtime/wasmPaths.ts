import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The binaries are served from the app's own origin (bundled as assets), never from a CDN.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let configured = false;

/** Points the wasm backend at the bundled binaries; call before tf.setBackend('wasm'). */
export function configureWasmPaths(): void {
  if (configured) return;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
  });
  configured = true;
}
