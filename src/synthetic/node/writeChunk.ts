// Child process of writeSyntheticSet: writes writers [from, to) of one synthetic set, then exits
// (which frees the canvas library's native memory).
import { writeWriters, type SyntheticSetOptions } from './writeDataset';

const o = JSON.parse(process.argv[2]) as SyntheticSetOptions & { from: number; to: number };
writeWriters(o, o.from, o.to);
