import { parentPort } from 'node:worker_threads';
import { Rng } from '../data/random';
import { useWasmTrainingBackend } from '../kernels/wasmBackend';
import { Network } from '../network';
import { sampleBatch } from '../batch';
import type { FromWorker, InitMsg, ToWorker } from './messages';

/** A data-parallel training worker: its own wasm backend and copy of the network. */
let net: Network | null = null;
let init: InitMsg | null = null;
const port = parentPort!;
const reply = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', async (msg: ToWorker) => {
  try {
    if (msg.type === 'init') {
      await useWasmTrainingBackend();
      net = new Network(msg.cfg, msg.loss, msg.metric, msg.seed);
      init = msg;
      reply({ type: 'ready', shapes: net.shapes() });
      return;
    }
    if (!net || !init) throw new Error('worker not initialised');
    net.setWeights(msg.weights);
    if (msg.type === 'grad') {
      const rng = new Rng(msg.seed);
      const b = sampleBatch(init.train, init.batch, rng, { height: init.cfg.inputHeight, width: init.cfg.inputWidth, version: init.preprocessVersion }, init.augment);
      const r = net.gradients(b.images, b.writer, b.genuine, rng);
      reply({ type: 'grad', ...r }, r.grads.map((g) => g.buffer as ArrayBuffer));
    } else {
      net.recalibrate(msg.calibration, msg.calibrationCount);
      const embeddings = net.embed(msg.images, msg.n);
      reply({ type: 'embed', embeddings }, [embeddings.buffer as ArrayBuffer]);
    }
  } catch (e) {
    reply({ type: 'error', message: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  }
});
