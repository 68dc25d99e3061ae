import type * as tf from '@tensorflow/tfjs';
import { embedPacked } from '../../model/embed';
import type { ModelConfig } from '../../model/config';
import type { DistanceHead } from '../../model/distanceHead';
import type { PreprocessVersion } from '../../preprocessing';
import { readDataset } from '../data/datasetReader';
import { loadWriterImages, preprocessWriters } from '../data/imageStore';
import { splitWriters } from '../data/split';
import type { Exportable, ExportInput } from './exportModel';

/** A loaded (not training) model as exportModel takes it: for recalibration and ensembles. */
export function savedExportable(model: tf.LayersModel, cfg: ModelConfig, head: DistanceHead): Exportable {
  return { cfg, model, distanceHead: () => head, embed: (images: Float32Array, n: number) => embedPacked(model, cfg, images, n) };
}

/** The validation writers of these data sets (those that have any), preprocessed: where a rule is fixed. */
export function validationSets(dataDirs: string[], version: PreprocessVersion): ExportInput['validation'] {
  return dataDirs
    .map((dir) => ({ dir, name: dir.replace(/\/+$/, '').split('/').pop()!, writers: splitWriters(readDataset(dir)).validation }))
    .filter((s) => s.writers.length > 0)
    .map((s) => ({ name: s.name, dataDir: s.dir, rasters: preprocessWriters(loadWriterImages(s.writers), version) }));
}
