/** The demo's sample signatures (public/samples/index.json, made by `npm run samples`). */
export interface SampleIndex {
  generator: string;
  seed: number;
  writers: { label: string; name: string; files: { file: string; kind: 'genuine' | 'forged' }[] }[];
}

const base = () => `${import.meta.env.BASE_URL}samples/`;

/** Reads the sample index; a clear error if the app was built without it. */
export async function loadSampleIndex(): Promise<SampleIndex> {
  const r = await fetch(`${base()}index.json`);
  if (!r.ok) throw new Error(`The sample signatures are not available (samples/index.json: HTTP ${r.status}).`);
  return (await r.json()) as SampleIndex;
}

/** One sample image as a blob, with a name that says whose it is and whether it is genuine. */
export async function loadSampleImage(writer: SampleIndex['writers'][0], f: SampleIndex['writers'][0]['files'][0]): Promise<{ blob: Blob; name: string }> {
  const r = await fetch(`${base()}${f.file}`);
  if (!r.ok) throw new Error(`Sample ${f.file} could not be loaded (HTTP ${r.status}).`);
  const n = f.file.match(/-(\d+)\.png$/)?.[1] ?? '';
  return { blob: await r.blob(), name: `${writer.label} ${f.kind === 'genuine' ? 'genuine' : 'forgery'} ${n}` };
}
