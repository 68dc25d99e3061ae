import type { DecisionRule, VerdictShares } from '../verification/decision';
import type { ModelConfig } from './config';
import type { DistanceHead } from './distanceHead';

/** A model id is one folder name under models/ (letters, digits, dot, dash, underscore). */
export function isModelId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id) && !id.includes('..');
}

/** Figures from `npm run eval` for one data set and reference count. */
export interface EvalFigures {
  data: string;
  writers: number;
  references: number;
  skilled: { eer: number; auc: number; far: number; frr: number };
  random: { eer: number; far: number };
  /** Shares of genuine / refer / forged verdicts under the refer band (cards exported since the sixth session). */
  verdicts?: {
    referBand: number;
    genuine: VerdictShares;
    skilled: VerdictShares;
    random: VerdictShares;
    /** Writers whose references hold one unlike the others (verdicts that hang on it referred, as in the app; since v10's guard). */
    writersWithUnlike?: number;
  };
  command: string;
}

/** models/<id>/model-card.json: everything the runtime and a reviewer need to use the model. */
export interface ModelCard {
  id: string;
  /** Semantic version of the weights; stored with every reference embedding. */
  version: string;
  created: string;
  preprocessing: { version: string; inputHeight: number; inputWidth: number };
  architecture: ModelConfig;
  parameters: number;
  /** How weights.bin stores the weights (float32 when absent: models exported before this field). */
  weights?: { storage: 'float32' | 'uint8'; bytes: number };
  distanceHead: DistanceHead;
  decision: DecisionRule;
  training: {
    command: string;
    data: string[];
    trainWriters: string[];
    validationWriters: string[];
    loss: string;
    steps: number;
    /** The step whose weights ship: the best mean validation skilled EER seen during training. */
    selectedStep: number;
    /** Set when the shipped weights are the mean of the weights after every step past this one (--average-from). */
    averagedFrom?: number;
    seconds: number;
    seed: number;
    /** Per worker thread, from the checkpoint's recipe (absent on cards exported before this field). */
    batch?: CardBatch;
    /** Pretraining before the training above (e.g. on synthetic writers); its time is in `seconds`. */
    pretrain?: { data: string[]; writers: number; steps: number; selectedStep: number; seconds: number; batch?: CardBatch };
  };
  metrics: EvalFigures[];
  /**
   * Set when the decision rule was fixed again (npm run recalibrate), on the same weights or on their uint8
   * quantisation. previousRule/previousVersion: the rule and version before the first recalibration; reason:
   * the --reason given to the last one.
   */
  recalibration?: { command: string; previousVersion: string; previousRule: string; quantised?: boolean; reason?: string };
  /** Set for an ensemble (architecture.members), made by `npm run combine` or `npm run train -- --pooling A,B`: the exported models it joined. */
  ensemble?: {
    command: string;
    /** Each member's own training (from its card): seconds include its pretraining; seed and pretrainSeconds absent on older cards. */
    members: { id: string; version: string; command: string; seconds: number; seed?: number; pretrainSeconds?: number }[];
  };
  /** Validation and drawn-vs-scanned EER with and without synthetic pretraining (npm run synthetic-report). */
  syntheticEffect?: { command: string; models: string[]; rows: { condition: string; command: string; skilledEer: number[]; randomEer: number[] }[] };
}

/** A training batch: each of `workers` threads draws `writers` writers x (`genuine` + `forged` skilled forgeries) a step. */
export interface CardBatch {
  writers: number;
  genuine: number;
  forged: number;
  workers: number;
}

/** The ids of models in models/ and which one the app loads by default (models/index.json). */
export interface ModelIndex {
  default: string;
  models: string[];
}
