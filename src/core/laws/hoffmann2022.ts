/**
 * Chinchilla — Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models", arXiv 2203.15556.
 *
 * Three approaches to the compute-optimal frontier, each with its own published projection table:
 *  - Approach 1 (fixed model sizes, minimum over training curves): Table 3, N_opt ∝ C^0.50.
 *  - Approach 2 (IsoFLOP profiles): Table A3 middle block, N_opt ∝ C^0.49.
 *  - Approach 3 (parametric fit L = E + A/N^α + B/D^β): Eq. 10 constants, Table A3 last block.
 * Approaches 1 and 2 publish exponents only, so the coefficient k of N_opt = k·C^a is recovered here by
 * a log-log least-squares fit (slope fixed to the published a) to the paper's own projection table.
 */
import type { ChinchillaParams } from './forms';
import { SARDANA_CONSTANTS } from './sardana2024';
import type { Citation, Constant, ConstantSetInfo, LawInfo } from './types';

export const HOFFMANN_CITATION: Omit<Citation, 'source'> = {
  authors: 'Hoffmann, Borgeaud, Mensch, Buchatskaya, Cai, Rutherford, de Las Casas, Hendricks, Welbl, Clark, et al.',
  year: 2022,
  title: 'Training Compute-Optimal Large Language Models',
  arxiv: '2203.15556',
  url: 'https://arxiv.org/abs/2203.15556',
};

/** A row of a Chinchilla projection table: model size N → FLOPs C and tokens D. */
export interface ProjectionRow {
  N: number;
  C: number;
  D: number;
}

const rows = (r: Array<[number, number, number]>): ProjectionRow[] => r.map(([N, C, D]) => ({ N, C, D }));

/** Table 3 (Approach 1 projections), params → FLOPs, tokens. */
export const TABLE3_APPROACH1: readonly ProjectionRow[] = rows([
  [400e6, 1.92e19, 8.0e9], [1e9, 1.21e20, 20.2e9], [10e9, 1.23e22, 205.1e9], [67e9, 5.76e23, 1.5e12],
  [175e9, 3.85e24, 3.7e12], [280e9, 9.9e24, 5.9e12], [520e9, 3.43e25, 11.0e12], [1e12, 1.27e26, 21.2e12],
  [10e12, 1.3e28, 216.2e12],
]);

/** Table A3, Approach 2 block (same model sizes). */
export const TABLE_A3_APPROACH2: readonly ProjectionRow[] = rows([
  [400e6, 1.84e19, 7.7e9], [1e9, 1.2e20, 20.0e9], [10e9, 1.32e22, 219.5e9], [67e9, 6.88e23, 1.7e12],
  [175e9, 4.54e24, 4.3e12], [280e9, 1.18e25, 7.1e12], [520e9, 4.19e25, 13.4e12], [1e12, 1.59e26, 26.5e12],
  [10e12, 1.75e28, 292.0e12],
]);

/** Table A3, Approach 3 block. The 175B row is printed "1.26e24", a typo for 1.26e25 (6·175B·12.0T). */
export const TABLE_A3_APPROACH3: readonly ProjectionRow[] = rows([
  [400e6, 2.21e19, 9.2e9], [1e9, 1.62e20, 27.1e9], [10e9, 2.46e22, 410.1e9], [67e9, 1.71e24, 4.1e12],
  [175e9, 1.26e25, 12.0e12], [280e9, 3.52e25, 20.1e12], [520e9, 1.36e26, 43.5e12], [1e12, 5.65e26, 94.1e12],
  [10e12, 8.55e28, 1425.5e12],
]);

/**
 * Intercept of ln N = ln k + a·ln C with the slope a fixed to the published exponent: ordinary least
 * squares reduces to the mean of ln N − a·ln C over the rows.
 */
export function fitCoefficientFixedSlope(table: readonly ProjectionRow[], a: number): number {
  const s = table.reduce((acc, r) => acc + Math.log(r.N) - a * Math.log(r.C), 0);
  return Math.exp(s / table.length);
}

/** Table 2 exponents (N_opt ∝ C^a). */
export const APPROACH1_A = 0.5;
export const APPROACH2_A = 0.49;
export const APPROACH1_K = fitCoefficientFixedSlope(TABLE3_APPROACH1, APPROACH1_A);
export const APPROACH2_K = fitCoefficientFixedSlope(TABLE_A3_APPROACH2, APPROACH2_A);

/**
 * Eq. 10 as printed (rounded). It misses Table A3 by 19–30 %, so it is not the default; it is the set
 * most downstream tools and configs quote (e.g. L̂ ≈ 2.372 for a 1.29B model on 84.72B tokens), so it
 * can be selected as constant set 'eq10-rounded'.
 */
export const HOFFMANN_EQ10_ROUNDED: ChinchillaParams = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
/** Eq. 10 with the unrounded E, α, β from the paper's TeX source; the default set of hoffmann2022-a3. */
export const HOFFMANN_A3_UNROUNDED: ChinchillaParams = { E: 1.6934, A: 406.4, B: 410.7, alpha: 0.3392, beta: 0.2849 };

/** The constant sets of hoffmann2022-a3 by id (LawInfo.constantSets describes them). */
export const HOFFMANN_A3_SETS: Readonly<Record<string, ChinchillaParams>> = {
  unrounded: HOFFMANN_A3_UNROUNDED,
  'eq10-rounded': HOFFMANN_EQ10_ROUNDED,
  sardana2024: SARDANA_CONSTANTS,
};
export const HOFFMANN_A3_DEFAULT_SET = 'unrounded';

const A3_SET_INFO: ConstantSetInfo[] = [
  {
    id: 'unrounded',
    label: 'Eq. 10, unrounded (E=1.6934, α=0.3392, β=0.2849)',
    source: 'Eq. 10 with E, α, β from the paper\'s TeX source',
    note: 'Default: the set closest to the paper\'s own Table A3 (N* 1–8 % low, D* 3–11 % high).',
    default: true,
  },
  {
    id: 'eq10-rounded',
    label: 'Eq. 10 as printed (E=1.69, A=406.4, B=410.7, α=0.34, β=0.28)',
    source: 'Eq. 10 as printed',
    note: 'The set most tools and older configs use; misses Table A3 by 19–30 %.',
  },
  {
    id: 'sardana2024',
    label: 'Sardana et al. 2024 code defaults (E=1.69, A=406.4, B=410.7, α=0.336, β=0.283)',
    source: 'Sardana et al. 2024 (arXiv 2401.00448), authors\' code',
    note: 'Reproduces the worked examples of the inference-aware paper (e.g. L(70B, 1T) = 1.9473).',
  },
];

const CHINCHILLA_FIT = {
  params: [70e6, 16e9] as [number, number],
  tokens: [5e9, 500e9] as [number, number],
};
const CHINCHILLA_COMMON = {
  paramConvention: 'total' as const,
  flopConvention: '6ND (C = 6·N·D, N counts all parameters incl. embeddings)',
  architecture: 'Dense decoder-only Transformers (Gopher family), 70M to >16B parameters',
  data: 'MassiveText (mostly English web, books, code), one epoch (no repetition)',
  languages: ['en'],
};
const OUTSIDE_NOTE = 'Fitted on 70M to >16B params and 5B–500B tokens; larger rows are extrapolations.';

function exponentLaw(
  id: 'hoffmann2022-a1' | 'hoffmann2022-a2',
  approach: string,
  source: string,
  a: number,
  k: number,
  table: string,
  extra: Partial<LawInfo>,
): LawInfo {
  const constants: Record<string, Constant> = {
    a: { value: a, source: `Table 2 (${approach})`, note: 'Exponent of N_opt ∝ C^a; b = 1 − a follows from C = 6ND.' },
    k: {
      value: k,
      source: `Derived from ${table}`,
      note:
        `${approach} publishes only the exponent. k is the intercept of a log-log least-squares fit of ` +
        `ln N = ln k + a·ln C (slope fixed to a) over the nine rows of ${table}, with C in FLOPs. D = C/(6N).`,
    },
  };
  return {
    id,
    name: `Chinchilla ${approach}`,
    citation: { ...HOFFMANN_CITATION, source },
    form: `N_opt = k·C^${a}, D_opt = C/(6·N_opt)`,
    formLatex: `N_{opt} = k\\,C^{${a}},\\quad D_{opt} = C/(6N_{opt})`,
    constants,
    ...CHINCHILLA_COMMON,
    fitted: { ...CHINCHILLA_FIT },
    caveats: [
      `${approach} gives the frontier only (no loss prediction).`,
      'k is recovered from the paper\'s projection table, not printed in the paper.',
      OUTSIDE_NOTE,
    ],
    predictsLoss: false,
    lossUnit: 'none (frontier only)',
    ...extra,
  };
}

export const HOFFMANN_A1: LawInfo = exponentLaw(
  'hoffmann2022-a1', 'Approach 1', 'Table 2 (a = 0.50); Table 3 projections', APPROACH1_A, APPROACH1_K, 'Table 3', {},
);

export const HOFFMANN_A2: LawInfo = exponentLaw(
  'hoffmann2022-a2', 'Approach 2', 'Table 2 (a = 0.49); Table A3 projections (Approach 2)', APPROACH2_A, APPROACH2_K,
  'Table A3 (Approach 2)',
  { fitted: { ...CHINCHILLA_FIT, compute: [6e18, 3e21] } },
);

const src3 = 'Eq. 10 (TeX-source unrounded E, α, β)';

/** E_x, A_x, B_x, alpha_x, beta_x entries for an alternative constant set. */
function setConstants(suffix: string, p: ChinchillaParams, source: string, note: string): Record<string, Constant> {
  const out: Record<string, Constant> = {};
  for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) out[`${k}_${suffix}`] = { value: p[k], source, note };
  return out;
}
export const HOFFMANN_A3: LawInfo = {
  id: 'hoffmann2022-a3',
  name: 'Chinchilla Approach 3 (parametric)',
  citation: { ...HOFFMANN_CITATION, source: 'Eq. 10 (constants), Eq. 4 (closed-form optimum), Table A3' },
  form: 'L(N,D) = E + A/N^α + B/D^β; optimum under C = 6ND by Eq. 4',
  formLatex: 'L(N,D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}}',
  constants: {
    E: { value: HOFFMANN_A3_UNROUNDED.E, source: src3 },
    A: { value: HOFFMANN_A3_UNROUNDED.A, source: 'Eq. 10' },
    B: { value: HOFFMANN_A3_UNROUNDED.B, source: 'Eq. 10' },
    alpha: { value: HOFFMANN_A3_UNROUNDED.alpha, source: src3 },
    beta: { value: HOFFMANN_A3_UNROUNDED.beta, source: src3 },
    ...setConstants('eq10_rounded', HOFFMANN_EQ10_ROUNDED, 'Eq. 10 as printed', 'Rounded; constant set \'eq10-rounded\' (not the default).'),
    ...setConstants('sardana', SARDANA_CONSTANTS, 'Sardana et al. 2024, authors\' code defaults', 'Constant set \'sardana2024\' (not the default).'),
  },
  constantSets: A3_SET_INFO,
  ...CHINCHILLA_COMMON,
  fitted: { ...CHINCHILLA_FIT },
  caveats: [
    'Uses the unrounded exponents (E=1.6934, α=0.3392, β=0.2849). The printed Eq. 10 (α=0.34, β=0.28) misses the ' +
      "paper's own Table A3 by 19–30 %; even the unrounded set gives N* 1–8 % below and D* 3–11 % above Table A3, " +
      'so the printed table and the printed constants disagree (the paper does not say how the table was made).',
    'Constant sets: \'unrounded\' (default), \'eq10-rounded\' (Eq. 10 as printed, what most tools and older ' +
      'configs quote) and \'sardana2024\' (α=0.336, β=0.283, Sardana et al.\'s code); choose with constantSet / --constants. ' +
      'Losses and optima differ between them by more than the rounding suggests (N* by up to 30 % at large C).',
    'Besiroglu et al. (2024) refit the same data and found a different B and β, implying ≈20 tokens/param ' +
      'at every budget, where this set drifts to tens of tokens/param at large C: see besiroglu2024.',
    OUTSIDE_NOTE,
  ],
  predictsLoss: true,
  lossUnit: 'nats/token on MassiveText (Chinchilla tokenizer)',
};
