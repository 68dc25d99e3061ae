import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../model/modelCard';
import { modelCardMarkdown, recalibrationLine } from './modelCardMarkdown';

const shippedId = (JSON.parse(readFileSync('models/index.json', 'utf8')) as { default: string }).default;
const shipped = JSON.parse(readFileSync(`models/${shippedId}/model-card.json`, 'utf8')) as ModelCard;
/** One network's architecture: the shipped one, or its first member if the shipped model is an ensemble. */
const net = shipped.architecture.members?.[0] ?? shipped.architecture;

describe('MODEL_CARD.md says which weights ship', () => {
  it('the best validation step when the run selected one', () => {
    const card: ModelCard = { ...shipped, training: { ...shipped.training, averagedFrom: undefined, selectedStep: 200 } };
    expect(modelCardMarkdown(card, [])).toContain('shipped weights: step 200, the best validation skilled EER');
  });
  it('the mean of the late weights after --average-from, not a selected step', () => {
    const card: ModelCard = { ...shipped, training: { ...shipped.training, steps: 400, averagedFrom: 200 } };
    const md = modelCardMarkdown(card, []);
    expect(md).toContain('shipped weights: the mean of the weights after steps 201-400, weight averaging, not selected on validation writers');
    expect(md).not.toContain('the best validation skilled EER');
  });

  it('adds the refer-band table when the card has verdict shares', () => {
    const bare: ModelCard = { ...shipped, metrics: shipped.metrics.map((m) => ({ ...m, verdicts: undefined })) };
    expect(modelCardMarkdown(bare, [])).not.toContain('With the refer band');
    const shares = { genuine: 0.8, refer: 0.15, forged: 0.05 };
    const card: ModelCard = { ...shipped, metrics: shipped.metrics.map((m) => ({ ...m, verdicts: { referBand: 0.08, genuine: shares, skilled: shares, random: null } })) };
    const md = modelCardMarkdown(card, []);
    expect(md).toContain('With the refer band (scores within 8% of the threshold go to a human)');
    expect(md).toContain(`| ${shipped.metrics[0].data} | ${shipped.metrics[0].references} | 80.00% / 15.00% / 5.00% | 80.00% / 15.00% / 5.00% | n/a |`);
    expect(md).not.toContain('unlike the writer');
    // Counted reference sets holding an unlike reference (the app's guard): named for rows of 2+ references.
    const counted: ModelCard = { ...card, metrics: card.metrics.map((m) => ({ ...m, verdicts: { ...m.verdicts!, writersWithUnlike: 1 } })) };
    const line = modelCardMarkdown(counted, []).split('\n').find((l) => l.startsWith('As in the app'));
    expect(line).toContain(`${shipped.metrics[0].data} with 5 references, 1 of ${shipped.metrics[0].writers}`);
    expect(line).not.toContain('with 1 references');
  });

  it('says how the weights are stored: float32 (older cards have no field) or uint8 with its size', () => {
    expect(modelCardMarkdown({ ...shipped, weights: undefined }, [])).toContain(`${shipped.parameters.toLocaleString('en-US')} parameters, float32 weights.`);
    expect(modelCardMarkdown({ ...shipped, weights: { storage: 'float32', bytes: 904416 } }, [])).toContain('parameters, float32 weights (883 KiB).');
    const md = modelCardMarkdown({ ...shipped, weights: { storage: 'uint8', bytes: 232416 } }, []);
    expect(md).toContain('parameters, weights stored as uint8 (227 KiB: every tensor of 1024 or more values quantised per tensor');
    expect(md).toContain('the figures below are measured with the quantised weights');
  });

  it('states the training and pretraining batches from the card (older cards without them: no line)', () => {
    const batch = { writers: 9, genuine: 3, forged: 1, workers: 2 };
    const pretrain = { data: ['.cache/synthetic/mixed-w1000-s1'], writers: 1000, steps: 200, selectedStep: 200, seconds: 244, batch: { writers: 6, genuine: 4, forged: 2, workers: 2 } };
    const line = (training: Partial<ModelCard['training']>) =>
      modelCardMarkdown({ ...shipped, training: { ...shipped.training, ...training } }, []).split('\n').find((l) => l.startsWith('- Batch:'));
    expect(line({ batch, pretrain })).toBe('- Batch: 9 writers x (3 genuine + 1 skilled forgery) per worker thread, 2 threads (72 images a step); the pretraining 6 writers x (4 genuine + 2 skilled forgeries) per thread.');
    expect(line({ batch: { ...batch, workers: 1 }, pretrain: undefined })).toBe('- Batch: 9 writers x (3 genuine + 1 skilled forgery) per worker thread, 1 thread (36 images a step).');
    expect(line({ batch: undefined, pretrain })).toBeUndefined();
  });

  it("the shipped card's markdown is the one its JSON renders (refer-band table included)", () => {
    const md = readFileSync(`models/${shippedId}/MODEL_CARD.md`, 'utf8');
    const rows = modelCardMarkdown(shipped, []).split('\n').filter((l) => l.startsWith('| cedar-dev validation writers |'));
    expect(rows).toHaveLength(4); // metrics and verdicts, 5 and 1 references
    for (const row of rows) expect(md).toContain(row);
  });

  it('names what the embedding layer pools (cards without the field: the fifth conv only)', () => {
    const line = (pooling?: ModelCard['architecture']['pooling']) =>
      modelCardMarkdown({ ...shipped, ensemble: undefined, architecture: { ...net, pooling } }, []).split('\n').find((l) => l.startsWith('- Embedding net'));
    expect(line(undefined)).toContain('-> conv3x3 -> global avg+max pool -> dense 128');
    expect(line('last')).toBe(line(undefined));
    expect(line('multiscale')).toContain('global avg+max pool of the third, fourth and fifth convs -> dense');
    expect(line('layout')).toContain('global avg+max pool and a 2x4 grid average of the fifth conv -> dense');
  });

  it('an ensemble card names its members, what made each, and the parameters together', () => {
    const members = [net, { ...net, pooling: 'layout' as const }];
    const card: ModelCard = {
      ...shipped,
      architecture: { ...net, embeddingDim: 256, members },
      ensemble: { command: 'npm run combine -- --members A,B --out C', members: [{ id: 'A', version: '1.0.0', command: 'npm run train', seconds: 1 }, { id: 'B', version: '1.0.0', command: 'npm run train -- --pooling layout', seconds: 1 }] },
    };
    const md = modelCardMarkdown(card, []);
    expect(md).toContain('- Ensemble of 2 networks side by side on one input');
    expect(md).toContain('  - member 1 (A 1.0.0, trained by `npm run train`): conv5x5/2');
    expect(md).toContain('  - member 2 (B 1.0.0, trained by `npm run train -- --pooling layout`): conv5x5/2 -> 3x(conv3x3 + maxpool) -> conv3x3 -> global avg+max pool and a 2x4 grid average of the fifth conv -> dense 128');
    expect(md).toContain(`- Together: ${shipped.parameters.toLocaleString('en-US')} parameters`);
    expect(md).not.toContain('- Embedding net');
  });

  it("an ensemble card gives each member's seed and time (pretraining included), not the first member's alone", () => {
    const members = [net, { ...net, pooling: 'layout' as const }];
    const pretrain = { data: ['.cache/synthetic/x'], writers: 1000, steps: 200, selectedStep: 200, seconds: 352 };
    const card: ModelCard = {
      ...shipped,
      architecture: { ...net, embeddingDim: 256, members },
      training: { ...shipped.training, seed: 1, seconds: 2822, pretrain },
      ensemble: {
        command: 'npm run train -- --pooling last,layout',
        members: [
          { id: 'A', version: '1.0.0', command: 'npm run train -- --pooling last,layout', seconds: 1433, seed: 1, pretrainSeconds: 352 },
          { id: 'B', version: '1.0.0', command: 'npm run train -- --pooling last,layout', seconds: 1389, seed: 2, pretrainSeconds: 340 },
        ],
      },
    };
    const md = modelCardMarkdown(card, []);
    expect(md).toContain(
      '47.0 minutes on a 2-core machine (wasm backend, 2 worker threads) for the members together: member 1 seed 1, 23.9 minutes (pretraining 5.9); member 2 seed 2, 23.1 minutes (pretraining 5.7).',
    );
    expect(md).toContain('for 200 steps (weights of step 200 carried over, each member from its own seed, included in the time above)');
    expect(md).not.toContain(', seed 1.');
    // A single network keeps its one seed and pretraining time.
    const single = modelCardMarkdown({ ...card, architecture: net, ensemble: undefined }, []);
    expect(single).toContain('47.0 minutes on a 2-core machine (wasm backend, 2 worker threads), seed 1.');
    expect(single).toContain('carried over, 5.9 minutes, included in the time above');
  });

  it('says what a recalibration changed: the score rule, or only the thresholds under the same rule, and why when told', () => {
    const decision = { ...shipped.decision, aggregate: 'min-mean' as const, priorWeight: 5 };
    const card: ModelCard = { ...shipped, decision };
    const same = recalibrationLine(card, { command: 'npm run recalibrate -- --model M', previousVersion: '1.0.0', previousRule: 'min-mean distance, prior weight 5' });
    expect(same).toBe("Thresholds and operating points fixed again on the same weights with `npm run recalibrate -- --model M` (the score rule is version 1.0.0's, unchanged).");
    const changed = recalibrationLine(card, { command: 'C', previousVersion: '1.0.0', previousRule: 'min distance, prior weight 3', quantised: true, reason: 'a new rule' });
    expect(changed).toBe('Rule fixed again on the same weights quantised to uint8 with `C` (was min distance, prior weight 3, version 1.0.0). Why: a new rule.');
    const reason = 'lenient was stricter than the default.';
    const recalibration = { command: `npm run recalibrate -- --model M --reason "${reason}"`, previousVersion: '1.0.0', previousRule: 'min-mean distance, prior weight 5', reason };
    expect(modelCardMarkdown({ ...card, recalibration }, [])).toContain(
      "- Thresholds and operating points fixed again on the same weights with `npm run recalibrate -- --model M --reason \"...\"` (the score rule is version 1.0.0's, unchanged). Why: lenient was stricter than the default.\n",
    );
  });
});
