import { decodeImageBlobWith, type DecoderUsed } from '../capture/decode';
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
  /**
   * Decodes an image given as bytes as an upload is decoded (or, with canvasOnly, always through
   * createImageBitmap and a 2D canvas): which decoder ran, the size, and a SHA-256 of the RGBA pixels.
   */
  decodeImageBytes(bytes: number[], name: string, canvasOnly: boolean): Promise<{ decoder: DecoderUsed; width: number; height: number; sha256: string }>;
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
    async decodeImageBytes(bytes, name, canvasOnly) {
      const { pixels, decoder } = await decodeImageBlobWith(new Blob([new Uint8Array(bytes)]), name, { canvasOnly });
      const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(pixels.data));
      const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
      return { decoder, width: pixels.width, height: pixels.height, sha256 };
    },
    async embedImageBytes(bytes, name = 'image.png') {
      const blob = new Blob([new Uint8Array(bytes)]);
      const p = await service.prepare({ kind: 'blob', blob, name, source: 'file' });
      const [e] = await service.runtime.verifier.embed([p.raster]);
      return { backend: activeBackend(), image: Array.from(p.image), embedding: Array.from(e) };
    },
  };
}
