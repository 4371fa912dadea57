/**
 * The hyperparameter-law registry: published fits of the peak learning rate and the batch size, each
 * evaluated in its own conventions (which N, batch in tokens, compute C = M·D or 6ND), with warnings
 * when the inputs lie outside the fitted range or had to be converted. The laws:
 *   deepseek2024      η, B_opt vs compute (DeepSeek LLM 2024, Eq. 1)           ./deepseek2024.ts
 *   steplaw2025       η vs N, D; B_opt vs D (Li et al. 2025, Step Law)          ./steplaw2025.ts
 *   kaplan2020-bcrit  critical batch vs loss (Kaplan et al. 2020, Eq. 1.4)      ./kaplanCriticalBatch.ts
 * Porian et al. 2024 also fitted tuned η and B against N, but their constants are neither printed in the
 * paper text we could check nor computable from the released repository (the raw sweep results are not
 * in it), so they are not in the registry.
 */
import { nonEmbeddingFromTotal } from '../arch/params';
import { formatCount, formatSci } from '../format';
import type { Warning } from '../laws/types';
import { DEEPSEEK_HPARAMS_INFO, deepseekHparams } from './deepseek2024';
import { kaplanBcritHparams, KAPLAN_BCRIT_INFO } from './kaplanCriticalBatch';
import { STEP_LAW_INFO, stepLawHparams } from './steplaw2025';
import { InputError } from '../errors';
import { type HparamInput, type HparamLawId, type HparamLawInfo, type HparamResult } from './types';
import { warmupSteps } from './warmup';


export const HPARAM_LAWS: readonly HparamLawInfo[] = [DEEPSEEK_HPARAMS_INFO, STEP_LAW_INFO, KAPLAN_BCRIT_INFO];
export const HPARAM_LAW_IDS: readonly HparamLawId[] = HPARAM_LAWS.map((l) => l.id);
/** Laws that give both a learning rate and an optimal batch: what a sweep plan can take its runs' settings from. */
export const PLAN_HPARAM_LAWS: readonly HparamLawId[] = HPARAM_LAWS.filter((l) => l.gives.learningRate && l.gives.batch === 'optimal').map((l) => l.id);

export function isHparamLawId(x: string): x is HparamLawId {
  return (HPARAM_LAW_IDS as readonly string[]).includes(x);
}

export function getHparamLaw(id: string): HparamLawInfo {
  const law = HPARAM_LAWS.find((l) => l.id === id);
  if (!law) throw new InputError(`unknown hyperparameter law '${id}' (valid ids: ${HPARAM_LAW_IDS.join(', ')})`);
  return law;
}

function checkPositive(name: string, x: number | undefined): void {
  if (x !== undefined && !(typeof x === 'number' && x > 0 && x < Infinity)) throw new InputError(`${name} must be a finite number > 0, got ${String(x)}`);
}

/** What one law could compute, before the shared fields (sequences, steps, warmup) are added. */
interface Core {
  learningRate: number | null;
  learningRateBand: [number, number] | null;
  batchTokens: number;
  batchTokensBand: [number, number] | null;
  used: HparamResult['used'];
  warnings: Warning[];
}

/** Non-embedding N: measured, given as such, or converted from a total with Pearce & Song 2024 (warned). */
function nonEmbedding(input: HparamInput, law: string, warnings: Warning[]): number | undefined {
  if (input.nonEmbeddingN !== undefined) return input.nonEmbeddingN;
  if (input.N === undefined) return undefined;
  if (input.paramConvention === 'non-embedding') return input.N;
  const ne = nonEmbeddingFromTotal(input.N);
  warnings.push({
    code: 'hparams-convention',
    severity: 'info',
    message: `${law}: counts non-embedding parameters; ${formatCount(input.N)} total ≈ ${formatCount(ne)} non-embedding (Pearce & Song 2024, N = N_ne + 47491·N_ne^(1/3)); give the non-embedding count (or an architecture) to avoid the estimate`,
  });
  return ne;
}

function evaluateCore(id: HparamLawId, input: HparamInput): Core | { skipped: string } {
  const warnings: Warning[] = [];
  switch (id) {
    case 'deepseek2024': {
      let C = input.C;
      if (C === undefined && input.D !== undefined && input.flopsPerTokenM !== undefined) C = input.flopsPerTokenM * input.D;
      if (C === undefined) {
        const ne = nonEmbedding(input, id, warnings);
        if (ne === undefined || input.D === undefined) return { skipped: 'needs the compute C (or N and D)' };
        C = 6 * ne * input.D;
        warnings.push({ code: 'hparams-convention', severity: 'info', message: `${id}: C = 6·N·D = ${formatSci(C)} with N non-embedding; DeepSeek's C = M·D also counts attention FLOPs (12·n_layer·d·l_seq per token), so C here is slightly low — give --compute or an architecture for M` });
      }
      const r = deepseekHparams(C);
      return { learningRate: r.learningRate, learningRateBand: null, batchTokens: r.batchTokens, batchTokensBand: null, used: { C, D: input.D }, warnings: [...warnings, ...r.warnings] };
    }
    case 'steplaw2025': {
      const ne = nonEmbedding(input, id, warnings);
      if (ne === undefined || input.D === undefined) return { skipped: 'needs N and D (its learning rate depends on both)' };
      const r = stepLawHparams(ne, input.D);
      return { learningRate: r.learningRate, learningRateBand: r.learningRateBand, batchTokens: r.batchTokens, batchTokensBand: r.batchTokensBand, used: { N: ne, D: input.D }, warnings: [...warnings, ...r.warnings] };
    }
    case 'kaplan2020-bcrit': {
      const ne = nonEmbedding(input, id, warnings);
      const at = ne !== undefined && input.D !== undefined ? { nonEmbeddingN: ne, D: input.D } : input.C !== undefined ? { C: input.C } : undefined;
      if (!at) return { skipped: 'needs N and D (or the compute C)' };
      const r = kaplanBcritHparams(at);
      const used = 'C' in at ? { C: at.C, loss: r.loss } : { N: at.nonEmbeddingN, D: at.D, loss: r.loss };
      return { learningRate: null, learningRateBand: null, batchTokens: r.batchTokens, batchTokensBand: null, used, warnings: [...warnings, ...r.warnings] };
    }
  }
}

export interface HparamOutcome {
  results: HparamResult[];
  skipped: Array<{ law: HparamLawId; reason: string }>;
}

/**
 * Every requested law (default: all) at the run described by `input`. Laws that cannot be evaluated
 * from what is given (Step Law without N and D) are listed in `skipped` with the reason; a law the
 * caller named explicitly and that cannot be evaluated is an input error.
 */
export function evaluateHparams(input: HparamInput, laws?: readonly string[]): HparamOutcome {
  for (const k of ['N', 'nonEmbeddingN', 'flopsPerTokenM', 'D', 'C', 'seqLen'] as const) checkPositive(k, input[k]);
  if (input.N === undefined && input.nonEmbeddingN === undefined && input.D === undefined && input.C === undefined) {
    throw new InputError('give N and D, or the compute C');
  }
  const ids = laws?.length ? laws.map((l) => getHparamLaw(l).id) : HPARAM_LAW_IDS;
  const results: HparamResult[] = [];
  const skipped: HparamOutcome['skipped'] = [];
  for (const id of [...new Set(ids)]) {
    const info = getHparamLaw(id);
    const core = evaluateCore(id, input);
    if ('skipped' in core) {
      if (laws?.length) throw new InputError(`${id} ${core.skipped}`);
      skipped.push({ law: id, reason: `${id}: ${core.skipped}` });
      continue;
    }
    results.push(finish(info, core, input));
  }
  return { results, skipped };
}

function finish(info: HparamLawInfo, core: Core, input: HparamInput): HparamResult {
  const warnings = [...core.warnings];
  const D = input.D;
  const steps = D !== undefined ? D / core.batchTokens : null;
  // Warmup by N tokens: the size the caller gave (total if that is what they have).
  const N = input.N ?? input.nonEmbeddingN;
  const warm = steps !== null && N !== undefined ? warmupSteps(N, core.batchTokens, steps) : null;
  if (steps !== null && steps < 100) {
    warnings.push({ code: 'hparams-few-steps', severity: 'warning', message: `${info.id}: a batch of ${formatCount(core.batchTokens)} tokens leaves only ${steps.toFixed(1)} optimizer steps for ${formatCount(D!)} tokens` });
  }
  if (input.seqLen !== undefined && core.batchTokens < input.seqLen) {
    warnings.push({ code: 'hparams-sub-sequence', severity: 'warning', message: `${info.id}: the batch (${formatCount(core.batchTokens)} tokens) is shorter than one sequence of ${input.seqLen}` });
  }
  return {
    law: info.id,
    name: info.name,
    batchKind: info.gives.batch,
    learningRate: core.learningRate,
    learningRateBand: core.learningRateBand,
    batchTokens: core.batchTokens,
    batchTokensBand: core.batchTokensBand,
    batchSequences: input.seqLen !== undefined ? core.batchTokens / input.seqLen : null,
    steps,
    warmupSteps: warm,
    used: core.used,
    conventions: info.conventions,
    citation: `${info.citation.authors.split(/[,(]/)[0].trim()} et al. ${info.citation.year}, arXiv ${info.citation.arxiv}, ${info.citation.source}`,
    url: info.citation.url,
    warnings,
  };
}

/** A whole number of sequences for a planned run: the law's batch rounded to ≥ 1 sequence. */
export function batchSequencesFor(batchTokens: number, seqLen: number): number {
  return Math.max(1, Math.round(batchTokens / seqLen));
}

