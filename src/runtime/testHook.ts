import type { RuntimeInfo } from './runtime';
import { simulateDeviceLoss } from './deviceLoss';
import { activeBackend, liveTensors } from './runtime';
import type { CountersignService } from './service';

/**
 * A small diagnostic hook on window for end-to-end tests and support: the active backend,
 * live tensor count, and the embedding of an image given as bytes (decoded and preprocessed
 * exactly as an upload). Reads nothing from storage and writes nothing.
 */
export interface CountersignHook {
  info: RuntimeInfo;
  backend(): string;
  numTensors(): number;
  embedImageBytes(bytes: number[], name?: string): Promise<{ backend: string; image: number[]; embedding: number[] }>;
  /** Destroys the WebGPU device as a driver reset would (false on other backends). */
  loseDevice(): boolean;
  /** Destroys the WebGPU device while the next embedding is being computed (mid-verification). */
  loseDeviceDuringNextEmbed(): void;
}

declare global {
  interface Window {
    __countersign?: CountersignHook;
  }
}

export function installTestHook(service: CountersignService): void {
  window.__countersign = {
    info: service.runtime.info,
    backend: activeBackend,
    numTensors: liveTensors,
    loseDevice: simulateDeviceLoss,
    loseDeviceDuringNextEmbed() {
      const v = service.runtime.verifier;
      const original = v.embed;
      v.embed = async function (this: typeof v, rasters) {
        v.embed = original;
        const pending = original.call(v, rasters);
        simulateDeviceLoss();
        return pending;
      };
    },
    async embedImageBytes(bytes, name = 'image.png') {
      const blob = new Blob([new Uint8Array(bytes)]);
      const p = await service.prepare({ kind: 'blob', blob, name, source: 'file' });
      const [e] = await service.runtime.verifier.embed([p.raster]);
      return { backend: activeBackend(), image: Array.from(p.image), embedding: Array.from(e) };
    },
  };
}
