/**
 * ATLAS — Longpre et al. 2025, "ATLAS: Adaptive Transfer Scaling Laws for Multilingual Pretraining,
 * Finetuning, and Decoding the Curse of Multilinguality", arXiv 2510.22037 (ICLR 2026). PROVISIONAL:
 * the per-language Table C.1 was decoded from a garbled text extraction.
 *
 * Monolingual training, L = E + e^a/N^α + e^b/D^α (α = β tied), for two vocabularies (a monolingual one,
 * or the shared multilingual one). The loss is ATLAS's vocabulary-insensitive loss, not nats/token, so
 * it is not comparable with the other laws. Each language's default data cap is its count of unique
 * tokens in MADLAD-400.
 */
import type { ChinchillaParams } from './forms';
import type { AtlasVocab, Language, LawInfo } from './types';

export const LANGUAGES: readonly Language[] = ['en', 'fr', 'ru', 'zh', 'hi', 'sw'];
export const ATLAS_VOCABS: readonly AtlasVocab[] = ['monolingual', 'multilingual'];

/** Table C.1 rows: [E, a, b, α=β]. */
const TABLE_C1: Record<AtlasVocab, Record<Language, [number, number, number, number]>> = {
  monolingual: {
    en: [0.67, 6.18, 8.25, 0.41], fr: [0.76, 10.11, 13.24, 0.64], ru: [0.82, 10.07, 13.28, 0.63],
    zh: [1.08, 8.2, 10.37, 0.46], hi: [0.52, 6.03, 8.03, 0.39], sw: [0.0, 4.13, 5.51, 0.26],
  },
  multilingual: {
    en: [0.83, 9.91, 13.06, 0.63], fr: [0.66, 7.12, 8.94, 0.45], ru: [0.76, 7.97, 9.91, 0.49],
    zh: [1.18, 8.87, 10.9, 0.49], hi: [0.63, 6.99, 8.69, 0.43], sw: [0.0, 4.99, 6.43, 0.3],
  },
};

/** Unique tokens available per language in MADLAD-400 (ATLAS), the default data constraint. */
export const MADLAD_UNIQUE_TOKENS: Record<Language, number> = {
  en: 2.8e12, fr: 363e9, ru: 705e9, zh: 125e9, hi: 7.9e9, sw: 770e6,
};

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English', fr: 'French', ru: 'Russian', zh: 'Chinese', hi: 'Hindi', sw: 'Swahili',
};

export function isLanguage(x: string): x is Language {
  return (LANGUAGES as readonly string[]).includes(x);
}

/** ATLAS constants for one language and vocabulary, in Chinchilla form (A = e^a, B = e^b, β = α). */
export function atlasParams(language: Language, vocab: AtlasVocab = 'monolingual'): ChinchillaParams {
  const [E, a, b, alpha] = TABLE_C1[vocab][language];
  return { E, A: Math.exp(a), B: Math.exp(b), alpha, beta: alpha };
}

function constants(): LawInfo['constants'] {
  const out: LawInfo['constants'] = {};
  for (const vocab of ATLAS_VOCABS) {
    for (const lang of LANGUAGES) {
      const [E, a, b, alpha] = TABLE_C1[vocab][lang];
      const src = `Table C.1 (${vocab} vocabulary, monolingual training, ${LANGUAGE_NAMES[lang]})`;
      const pre = `${lang}_${vocab === 'monolingual' ? 'mono' : 'multi'}`;
      out[`${pre}_E`] = { value: E, source: src };
      out[`${pre}_a`] = { value: a, source: src, note: 'A = e^a' };
      out[`${pre}_b`] = { value: b, source: src, note: 'B = e^b' };
      out[`${pre}_alpha`] = { value: alpha, source: src, note: 'α = β (tied)' };
    }
  }
  for (const lang of LANGUAGES) {
    out[`${lang}_unique_tokens`] = {
      value: MADLAD_UNIQUE_TOKENS[lang],
      source: 'MADLAD-400 unique tokens per language, as reported by ATLAS',
      note: 'Default data constraint when a language is chosen without an explicit unique-token count.',
    };
  }
  return out;
}

export const ATLAS_INFO: LawInfo = {
  id: 'atlas2025',
  name: 'ATLAS multilingual (per language) — provisional',
  citation: {
    authors: 'Longpre, Kudugunta, Muennighoff, Hsu, Caswell, Pentland, Arik, Lee, Ebrahimi',
    year: 2025,
    title: 'ATLAS: Adaptive Transfer Scaling Laws for Multilingual Pretraining, Finetuning, and Decoding the Curse of Multilinguality',
    arxiv: '2510.22037',
    url: 'https://arxiv.org/abs/2510.22037',
    source: 'Table C.1 (monolingual training; monolingual and multilingual vocabularies)',
  },
  form: 'L = E + e^a/N^α + e^b/D^α (β = α); with a unique-token cap, D → D′ of Muennighoff Eq. 5',
  formLatex: 'L = E + \\frac{e^{a}}{N^{\\alpha}} + \\frac{e^{b}}{D^{\\alpha}}',
  constants: constants(),
  paramConvention: 'total',
  flopConvention: '6ND',
  fitted: { params: [10e6, 8e9] },
  architecture: 'Decoder-only Transformers, 10M–8B params (774 runs)',
  data: 'MADLAD-400 (400+ languages); per-language monolingual training runs',
  languages: [...LANGUAGES],
  caveats: [
    'PROVISIONAL: Table C.1 was decoded from a garbled extraction of the paper; check against the PDF before relying on it.',
    'Loss is ATLAS\'s vocabulary-insensitive loss, not nats/token: not comparable with the other laws.',
    'The data-constrained penalty uses Muennighoff et al.\'s R_D*, R_N* (fitted on English C4), not ATLAS\'s own repetition fit.',
    'Without a unique-token count the data is capped at the language\'s MADLAD-400 count, in lawLoss and allocate ' +
      'alike (resolveLawContext decides it once); pass noDataCap for the plain Table C.1 law.',
  ],
  provisional: true,
  predictsLoss: true,
  lossUnit: 'vocabulary-insensitive loss (ATLAS) — not comparable with nats/token',
};
