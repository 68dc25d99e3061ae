import * as tf from '@tensorflow/tfjs';

/** Set once the WebGPU device is lost; the message explains it. */
let lostMessage: string | null = null;
const listeners = new Set<(msg: string) => void>();

export const DEVICE_LOST_MESSAGE =
  'The graphics device (WebGPU) stopped working, so this verification was not completed and nothing was recorded. Stored customers and references are unchanged. Reload the page to start again (or choose WebAssembly on the Settings tab).';

/** Starts watching the active backend's GPU device (WebGPU only; others cannot be lost). */
export function watchDeviceLoss(): void {
  if (tf.getBackend() !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  void device?.lost.then((info) => {
    lostMessage = `${DEVICE_LOST_MESSAGE} (${info.reason || 'unknown reason'}${info.message ? `: ${info.message}` : ''})`;
    listeners.forEach((fn) => fn(lostMessage!));
  });
}

export function deviceLostMessage(): string | null {
  return lostMessage;
}

export function onDeviceLost(fn: (msg: string) => void): () => void {
  listeners.add(fn);
  if (lostMessage) fn(lostMessage);
  return () => listeners.delete(fn);
}

/** Test hook: destroys the WebGPU device as a driver reset would. */
export function simulateDeviceLoss(): boolean {
  if (tf.getBackend() !== 'webgpu') return false;
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  device?.destroy();
  return Boolean(device);
}
