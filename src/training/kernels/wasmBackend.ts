import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels';

/** Node: switch tfjs to the wasm backend with the project's training kernels. */
export async function useWasmTrainingBackend(): Promise<void> {
  registerWasmTrainingKernels();
  if (tf.getBackend() !== 'wasm') {
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('the tfjs wasm backend failed to initialise');
  }
  await tf.ready();
}
