import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './messages';

/** Runs gradientWorker.ts in worker_threads (via workerEntry.mjs, which registers tsx) and exchanges one request at a time with each. */
export class WorkerPool {
  private workers: Worker[];

  constructor(size: number) {
    const url = new URL('./workerEntry.mjs', import.meta.url);
    this.workers = Array.from({ length: size }, () => new Worker(url));
  }

  get size(): number {
    return this.workers.length;
  }

  request(i: number, msg: ToWorker): Promise<FromWorker> {
    const w = this.workers[i];
    return new Promise((resolve, reject) => {
      const onMsg = (m: FromWorker) => {
        cleanup();
        if (m.type === 'error') reject(new Error(`worker ${i}: ${m.message}`));
        else resolve(m);
      };
      const onErr = (e: Error) => {
        cleanup();
        reject(e);
      };
      const cleanup = () => {
        w.off('message', onMsg);
        w.off('error', onErr);
      };
      w.on('message', onMsg);
      w.on('error', onErr);
      w.postMessage(msg);
    });
  }

  all(make: (i: number) => ToWorker): Promise<FromWorker[]> {
    return Promise.all(this.workers.map((_, i) => this.request(i, make(i))));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
