/**
 * The published-law registry: one entry per law (stable id, citation, form, constants with sources,
 * conventions, fitted ranges, caveats) and `lawLoss` to evaluate the laws that predict a loss.
 * Constants come from shared/reference/published-laws.md; each law's file documents its equation.
 */
import { chinchillaLoss, dataConstrainedLoss, type ChinchillaParams, type DataConstrainedParams } from './forms';
import { HOFFMANN_A1, HOFFMANN_A2, HOFFMANN_A3, HOFFMANN_A3_UNROUNDED } from './hoffmann2022';
import { BESIROGLU, BESIROGLU_PARAMS } from './besiroglu2024';
import { KAPLAN_INFO, kaplanLoss } from './kaplan2020';
import { MUENNIGHOFF, MUENNIGHOFF_PARAMS } from './muennighoff2023';
import { DEEPSEEK_INFO } from './deepseek2024';
import { LLAMA3_INFO } from './llama3';
import { PORIAN_INFO } from './porian2024';
import { ATLAS_INFO, LANGUAGES, atlasParams, isLanguage } from './atlas2025';
import type { AtlasVocab, Language, LawContext, LawId, LawInfo } from './types';

export type { AtlasVocab, Citation, Constant, Language, LawContext, LawId, LawInfo, Warning } from './types';
export { LANGUAGES, LANGUAGE_NAMES, MADLAD_UNIQUE_TOKENS, ATLAS_VOCABS, atlasParams, isLanguage } from './atlas2025';

export const LAWS: readonly LawInfo[] = [
  HOFFMANN_A1, HOFFMANN_A2, HOFFMANN_A3, BESIROGLU, KAPLAN_INFO, MUENNIGHOFF, DEEPSEEK_INFO, LLAMA3_INFO, PORIAN_INFO, ATLAS_INFO,
];

export const LAW_IDS: readonly LawId[] = LAWS.map((l) => l.id);

/** Bad user input (unknown law id, unknown language…): the CLI prints the message and exits 2. */
export class LawInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'LawInputError';
  }
}

export function isLawId(x: string): x is LawId {
  return (LAW_IDS as readonly string[]).includes(x);
}

export function getLaw(id: string): LawInfo {
  const law = LAWS.find((l) => l.id === id);
  if (!law) throw new LawInputError(`unknown law '${id}' (valid ids: ${LAW_IDS.join(', ')})`);
  return law;
}

export function parseLanguage(code: string): Language {
  const c = code.trim().toLowerCase();
  if (!isLanguage(c)) throw new LawInputError(`unknown language '${code}' (valid languages: ${LANGUAGES.join(', ')})`);
  return c;
}

export function parseAtlasVocab(v: string): AtlasVocab {
  if (v !== 'monolingual' && v !== 'multilingual') {
    throw new LawInputError(`unknown ATLAS vocabulary '${v}' (valid: monolingual, multilingual)`);
  }
  return v;
}

/**
 * The Chinchilla-form constants (E, A, B, α, β) a law's loss uses in this context, or null when the
 * law is not of that form (frontier-only laws, Kaplan). ATLAS defaults to English, monolingual vocab.
 */
export function chinchillaParamsFor(id: LawId, ctx: LawContext = {}): ChinchillaParams | null {
  switch (id) {
    case 'hoffmann2022-a3':
      return HOFFMANN_A3_UNROUNDED;
    case 'besiroglu2024':
      return BESIROGLU_PARAMS;
    case 'muennighoff2023':
      return MUENNIGHOFF_PARAMS;
    case 'atlas2025':
      return atlasParams(ctx.language ?? 'en', ctx.atlasVocab ?? 'monolingual');
    default:
      return null;
  }
}

/** Whether a law applies a repetition penalty when given a unique-token count. */
export function modelsRepetition(id: LawId): boolean {
  return id === 'muennighoff2023' || id === 'atlas2025';
}

/**
 * Data-constrained constants for a law that models repetition: its own base law with Muennighoff's
 * R_D*, R_N* (ATLAS borrows them; say so wherever it is used).
 */
export function dataConstrainedParamsFor(id: LawId, ctx: LawContext = {}): DataConstrainedParams | null {
  const base = modelsRepetition(id) ? chinchillaParamsFor(id, ctx) : null;
  if (!base) return null;
  return { ...base, RDstar: MUENNIGHOFF_PARAMS.RDstar, RNstar: MUENNIGHOFF_PARAMS.RNstar };
}

/**
 * The loss a law predicts for N parameters trained on D tokens (null when the law predicts no loss).
 * With `uniqueTokens`, laws that model repetition (muennighoff2023, atlas2025) apply Muennighoff's
 * penalty; other laws assume every token is fresh and ignore it. Units differ between laws (LawInfo.lossUnit).
 */
export function lawLoss(
  id: LawId,
  N: number,
  D: number,
  opts: { language?: Language; uniqueTokens?: number; atlasVocab?: AtlasVocab } = {},
): number | null {
  const law = getLaw(id);
  if (!law.predictsLoss) return null;
  if (id === 'kaplan2020') return kaplanLoss(N, D);
  const dc = opts.uniqueTokens !== undefined ? dataConstrainedParamsFor(id, opts) : null;
  if (dc) return dataConstrainedLoss(dc, N, D, opts.uniqueTokens as number);
  const p = chinchillaParamsFor(id, opts);
  if (!p) throw new Error(`internal: law '${id}' predicts a loss but has no loss form`);
  return chinchillaLoss(p, N, D);
}
