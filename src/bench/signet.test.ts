import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildSigNetPeer, SIGNET_DIM, signetFlatSize } from './signet';

describe('SigNet peer (Dey et al. 2017)', () => {
  it('flattens to 3x5x256 for a 155x220 input', () => {
    // conv 11x11/4: 37x53 -> pool: 18x26 -> (conv 5x5 same) pool: 8x12 -> (two 3x3 same) pool: 3x5
    expect(signetFlatSize()).toBe(3 * 5 * 256);
  });

  it('embeds [N,155,220,1] to [N,128] with about 6.4 M random parameters and leaks no tensors', async () => {
    await tf.setBackend('cpu');
    const peer = buildSigNetPeer();
    // conv 11*11*96+96, 5*5*96*256+256, 3*3*256*384+384, 3*3*384*256+256, 3840*1024+1024, 1024*128+128
    expect(peer.parameters).toBe(11712 + 614656 + 885120 + 884992 + 3933184 + 131200);
    const before = tf.memory().numTensors;
    const x = tf.randomUniform([1, 155, 220, 1]) as tf.Tensor4D;
    const e = peer.embed(x);
    expect(e.shape).toEqual([1, SIGNET_DIM]);
    expect(Array.from(await e.data()).every(Number.isFinite)).toBe(true);
    x.dispose();
    e.dispose();
    expect(tf.memory().numTensors).toBe(before);
    peer.dispose();
  });
});
