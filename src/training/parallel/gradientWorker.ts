import { parentPort } from 'node:worker_threads';
import { Rng } from '../data/random';
import { useWasmTrainingBackend } from '../kernels/wasmBackend';
import { Network } from '../network';
import { sampleBatch } from '../batch';
import { Teacher } from '../teacher';
import type { FromWorker, InitMsg, ToWorker } from './messages';

/** A data-parallel training worker: its own wasm backend and copy of the network. */
let net: Network | null = null;
let init: InitMsg | null = null;
let teacher: Teacher | null = null;
const port = parentPort!;
const reply = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', async (msg: ToWorker) => {
  try {
    if (msg.type === 'init') {
      await useWasmTrainingBackend();
      net = new Network(msg.cfg, msg.loss, msg.metric, msg.seed, msg.train.length);
      teacher = msg.teacher ? await Teacher.load(msg.teacher.dir, msg.cfg, msg.preprocessVersion) : null;
      init = msg;
      reply({ type: 'ready', shapes: net.shapes() });
      return;
    }
    if (!net || !init) throw new Error('worker not initialised');
    net.setWeights(msg.weights);
    if (msg.type === 'grad') {
      const rng = new Rng(msg.seed);
      const b = sampleBatch(init.train, init.batch, rng, { height: init.cfg.inputHeight, width: init.cfg.inputWidth, version: init.preprocessVersion }, init.augment);
      // The teacher sees the same augmented images as the student (inference mode, no randomness).
      const target = teacher && init.teacher ? { embeddings: teacher.embed(b.images, b.writer.length), weight: init.teacher.weight } : undefined;
      const r = net.gradients(b.images, b.writer, b.genuine, rng, target, b.classes);
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
