/**
 * Handwriting and script typefaces the synthetic writers draw with. Every family is an npm package
 * (@fontsource/<pkg>, SIL Open Font License), installed as a dev dependency: nothing downloads at
 * run time. `script` says which names a family can write; `subsets` are the files to register.
 */
export type Script = 'latin' | 'bengali' | 'devanagari' | 'arabic';

export interface FontFamily {
  pkg: string;
  script: Script;
  subsets: string[];
  /** Some fonts ship a heavier or lighter weight only. */
  weight?: number;
}

const latin = (pkg: string): FontFamily => ({ pkg, script: 'latin', subsets: ['latin', 'latin-ext'] });

export const FONT_FAMILIES: readonly FontFamily[] = [
  ...[
    'dancing-script', 'great-vibes', 'sacramento', 'allura', 'alex-brush', 'parisienne', 'kaushan-script',
    'homemade-apple', 'la-belle-aurore', 'mrs-saint-delafield', 'herr-von-muellerhoff', 'meddon',
    'reenie-beanie', 'nothing-you-could-do', 'cedarville-cursive', 'dawning-of-a-new-day', 'zeyada',
    'mr-dafoe', 'yellowtail', 'marck-script', 'cookie', 'rochester', 'petit-formal-script',
    'monsieur-la-doulaise', 'italianno', 'pinyon-script', 'tangerine', 'kristi', 'caveat', 'indie-flower',
    'calligraffitti', 'sue-ellen-francisco', 'ruthie', 'miss-fajardose', 'satisfy', 'damion', 'niconne',
    'arizonia', 'bad-script',
  ].map(latin),
  { pkg: 'kalam', script: 'devanagari', subsets: ['devanagari', 'latin'] },
  { pkg: 'galada', script: 'bengali', subsets: ['bengali', 'latin'] },
  { pkg: 'atma', script: 'bengali', subsets: ['bengali', 'latin'] },
  { pkg: 'aref-ruqaa', script: 'arabic', subsets: ['arabic', 'latin'] },
];

/** The CSS family name a font is registered under. */
export const familyName = (f: FontFamily) => `synth-${f.pkg}`;

/** How often each script is drawn: mostly Latin, some of each other script. */
export const SCRIPT_WEIGHTS: Record<Script, number> = { latin: 0.76, bengali: 0.09, devanagari: 0.09, arabic: 0.06 };
