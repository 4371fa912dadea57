/**
 * The published-law registry: one entry per law (stable id, citation, form, constants with sources,
 * conventions, fitted ranges, caveats) and `lawLoss` to evaluate the laws that predict a loss.
 * Constants come from shared/reference/published-laws.md; each law's file documents its equation.
 */
import { InputError } from '../errors';
import { chinchillaLoss, dataConstrainedLoss, type ChinchillaParams, type DataConstrainedParams } from './forms';
import { HOFFMANN_A1, HOFFMANN_A2, HOFFMANN_A3, HOFFMANN_A3_DEFAULT_SET, HOFFMANN_A3_SETS } from './hoffmann2022';
import { BESIROGLU, BESIROGLU_PARAMS } from './besiroglu2024';
import { KAPLAN_INFO, kaplanPublishedLoss } from './kaplan2020';
import { MUENNIGHOFF, MUENNIGHOFF_PARAMS } from './muennighoff2023';
import { DEEPSEEK_INFO } from './deepseek2024';
import { LLAMA3_INFO } from './llama3';
import { PORIAN_INFO } from './porian2024';
import { ATLAS_INFO, LANGUAGES, MADLAD_UNIQUE_TOKENS, atlasParams, isLanguage } from './atlas2025';
import { nonEmbeddingFromTotal } from '../arch/params';
import type { AtlasVocab, Language, LawContext, LawId, LawInfo, ParamConvention } from './types';

export type { AtlasVocab, Citation, Constant, ConstantSetInfo, Language, LawContext, LawId, LawInfo, ParamConvention, Warning } from './types';
export { PARAM_CONVENTION_LABELS } from './types';
export { LANGUAGES, LANGUAGE_NAMES, MADLAD_UNIQUE_TOKENS, ATLAS_VOCABS, atlasParams, isLanguage } from './atlas2025';

export const LAWS: readonly LawInfo[] = [
  HOFFMANN_A1, HOFFMANN_A2, HOFFMANN_A3, BESIROGLU, KAPLAN_INFO, MUENNIGHOFF, DEEPSEEK_INFO, LLAMA3_INFO, PORIAN_INFO, ATLAS_INFO,
];

export const LAW_IDS: readonly LawId[] = LAWS.map((l) => l.id);

export function isLawId(x: string): x is LawId {
  return (LAW_IDS as readonly string[]).includes(x);
}

export function getLaw(id: string): LawInfo {
  const law = LAWS.find((l) => l.id === id);
  if (!law) throw new InputError(`unknown law '${id}' (valid ids: ${LAW_IDS.join(', ')})`);
  return law;
}

export function parseLanguage(code: string): Language {
  const c = code.trim().toLowerCase();
  if (!isLanguage(c)) throw new InputError(`unknown language '${code}' (valid languages: ${LANGUAGES.join(', ')})`);
  return c;
}

export function parseAtlasVocab(v: string): AtlasVocab {
  if (v !== 'monolingual' && v !== 'multilingual') {
    throw new InputError(`unknown ATLAS vocabulary '${v}' (valid: monolingual, multilingual)`);
  }
  return v;
}

/** Laws with alternative constant sets: the sets by id and the default id. */
const CONSTANT_SETS: Partial<Record<LawId, { sets: Readonly<Record<string, ChinchillaParams>>; default: string }>> = {
  'hoffmann2022-a3': { sets: HOFFMANN_A3_SETS, default: HOFFMANN_A3_DEFAULT_SET },
};

/** Ids of a law's constant sets (empty when it has only one). */
export function constantSetIds(id: LawId): string[] {
  return Object.keys(CONSTANT_SETS[id]?.sets ?? {});
}

/** The constant set a law uses in this context: the requested one (validated) or its default. */
export function resolveConstantSet(id: LawId, set: string | undefined): string | undefined {
  const entry = CONSTANT_SETS[id];
  if (set === undefined) return entry?.default;
  if (!entry || !(set in entry.sets)) {
    const valid = entry ? `valid for ${id}: ${Object.keys(entry.sets).join(', ')}` : `${id} has a single constant set`;
    throw new InputError(`unknown constant set '${set}' for ${id} (${valid})`);
  }
  return set;
}

/**
 * The Chinchilla-form constants (E, A, B, α, β) a law's loss uses in this context, or null when the
 * law is not of that form (frontier-only laws, Kaplan). ATLAS defaults to English, monolingual vocab.
 * `ctx.constantSet` must be one of the law's sets (InputError otherwise).
 */
export function chinchillaParamsFor(id: LawId, ctx: LawContext = {}): ChinchillaParams | null {
  const set = resolveConstantSet(id, ctx.constantSet);
  const entry = CONSTANT_SETS[id];
  if (entry && set !== undefined) return entry.sets[set];
  switch (id) {
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

/** A positive finite number, or a InputError naming the field (NaN and −1 would turn into NaN losses). */
export function checkPositive(name: string, x: number | undefined): void {
  if (x !== undefined && !(typeof x === 'number' && x > 0 && x < Infinity)) {
    throw new InputError(`${name} must be a finite number > 0, got ${String(x)}`);
  }
}

/** Every field of a caller's LawContext is valid (language, vocabulary, unique tokens), or a InputError. */
export function checkLawContext(ctx: LawContext): void {
  if (ctx.language !== undefined) parseLanguage(ctx.language);
  if (ctx.atlasVocab !== undefined) parseAtlasVocab(ctx.atlasVocab);
  // A count of tokens: at least one, and at most 1e40 (the planner's own bound; ~1e155 overflows the
  // repetition terms of the target-loss search).
  const U = ctx.uniqueTokens;
  if (U !== undefined && !(U >= 1 && U <= 1e40)) throw new InputError(`uniqueTokens must be between 1 and 1e40, got ${String(U)}`);
}

/**
 * The context a law is evaluated in, with its defaults filled in. This is the ONE place that decides
 * them, so lawLoss, allocate and optimalLine agree: atlas2025 without a language uses English, and
 * without a unique-token count is capped at the language's MADLAD-400 count (with Muennighoff's
 * repetition penalty) unless `noDataCap` is set. `defaulted` lists what was filled in, for warnings.
 */
export function resolveLawContext(
  id: LawId,
  ctx: LawContext = {},
): { ctx: LawContext; defaulted: { language?: Language; uniqueTokens?: number } } {
  checkLawContext(ctx);
  const out: LawContext = { ...ctx };
  const defaulted: { language?: Language; uniqueTokens?: number } = {};
  if (id === 'atlas2025') {
    if (out.language === undefined) out.language = defaulted.language = 'en';
    if (out.uniqueTokens === undefined && !out.noDataCap) {
      out.uniqueTokens = defaulted.uniqueTokens = MADLAD_UNIQUE_TOKENS[out.language];
    }
  }
  return { ctx: out, defaulted };
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

export interface LawLossOptions extends LawContext {
  /**
   * What the N you pass counts. Default: the law's own convention (LawInfo.paramConvention) — so for
   * kaplan2020 N must be NON-embedding unless you say 'total', which converts with Pearce & Song 2024
   * (N_total = N_ne + 47491·N_ne^(1/3), fitted on Kaplan's and Chinchilla's model families). Other
   * mismatches need the architecture (src/core/arch) and are refused.
   */
  paramConvention?: ParamConvention;
}

/**
 * The loss a law predicts for N parameters trained on D tokens (null when the law predicts no loss).
 * N is in the law's convention (LawInfo.paramConvention: non-embedding for kaplan2020) unless
 * opts.paramConvention says otherwise. Defaults come from resolveLawContext, as in allocate(): in
 * particular atlas2025 without uniqueTokens is capped at its language's MADLAD-400 count (noDataCap to
 * lift it). With `uniqueTokens`, laws that model repetition (muennighoff2023, atlas2025) apply
 * Muennighoff's penalty; other laws assume every token is fresh and ignore it. `constantSet` picks a
 * labelled alternative set (LawInfo.constantSets), e.g. 'eq10-rounded' for hoffmann2022-a3. Units
 * differ between laws (LawInfo.lossUnit).
 */
export function lawLoss(id: LawId, N: number, D: number, opts: LawLossOptions = {}): number | null {
  const law = getLaw(id);
  resolveConstantSet(id, opts.constantSet); // a set this law does not have is an error, not ignored
  checkPositive('N', N);
  checkPositive('D', D);
  checkLawContext(opts);
  if (!law.predictsLoss) return null;
  const L = lawLossUnchecked(law, N, D, opts);
  // Positive finite N and D can still overflow a power term (N = 1e-300 under Kaplan's (N_c/N)^0.74).
  if (!Number.isFinite(L)) {
    const U = opts.uniqueTokens !== undefined ? `, uniqueTokens = ${opts.uniqueTokens}` : '';
    throw new InputError(`${id}: the loss overflows at N = ${N}, D = ${D}${U} (far outside any fitted range)`);
  }
  return L;
}

function lawLossUnchecked(law: LawInfo, N: number, D: number, opts: LawLossOptions): number {
  const id = law.id;
  const given = opts.paramConvention ?? law.paramConvention;
  let n = N;
  if (given !== law.paramConvention) {
    if (id === 'kaplan2020' && given === 'total') {
      n = nonEmbeddingFromTotal(N);
      if (!(n > 0)) throw new InputError(`${id}: N = ${N} total parameters leaves no non-embedding parameters (Pearce & Song 2024 conversion)`);
    } else throw new InputError(`${id} counts ${law.paramConvention} parameters; converting from '${given}' needs the architecture (see src/core/arch)`);
  }
  if (id === 'kaplan2020') return kaplanPublishedLoss(n, D);
  const { ctx } = resolveLawContext(id, opts);
  const dc = ctx.uniqueTokens !== undefined ? dataConstrainedParamsFor(id, ctx) : null;
  if (dc) return dataConstrainedLoss(dc, n, D, ctx.uniqueTokens as number);
  const p = chinchillaParamsFor(id, ctx);
  if (!p) throw new Error(`internal: law '${id}' predicts a loss but has no loss form`);
  return chinchillaLoss(p, n, D);
}
