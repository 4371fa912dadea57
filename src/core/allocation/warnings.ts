/**
 * The caveats a careful reviewer would attach to an allocation: extrapolation beyond what the paper
 * fitted (and by how much), parameter/FLOP conventions, loss comparability, repetition, provisional
 * constants.
 */
import { formatCount, formatEpochs, formatRatio, formatSci } from '../format';
import { LANGUAGE_NAMES, type Language, type LawInfo, type Warning } from '../laws';

const w = (code: string, severity: Warning['severity'], message: string): Warning => ({ code, severity, message });

const ratio = formatRatio;


/** "192× above the largest … (3e21)" or undefined when x is inside [lo, hi]. */
function outside(x: number, [lo, hi]: [number, number], what: string, fmt: (v: number) => string): string | undefined {
  if (x > hi) return `${ratio(x / hi)}× above the largest ${what} the paper fitted (${fmt(hi)})`;
  if (x < lo) return `${ratio(lo / x)}× below the smallest ${what} the paper fitted (${fmt(lo)})`;
  return undefined;
}

export function rangeWarnings(law: LawInfo, C: number, N: number, D: number): Warning[] {
  const out: Warning[] = [];
  const f = law.fitted;
  const c = f.compute && outside(C, f.compute, 'budget', (v) => `${formatSci(v)} FLOPs`);
  if (c) out.push(w('outside-fitted-compute', 'warning', `Budget ${formatSci(C)} FLOPs is ${c}: extrapolation.`));
  const n = f.params && outside(N, f.params, 'model', formatCount);
  if (n) out.push(w('outside-fitted-params', 'warning', `N = ${formatCount(N)} is ${n}.`));
  const d = f.tokens && outside(D, f.tokens, 'token count', formatCount);
  if (d) out.push(w('outside-fitted-tokens', 'warning', `D = ${formatCount(D)} tokens is ${d}.`));
  return out;
}

/** Warnings that depend only on the law (and the language asked for). */
export function lawWarnings(law: LawInfo, language?: Language): Warning[] {
  const out: Warning[] = [];
  if (law.historical) {
    out.push(w('historical', 'warning', `${law.name}: superseded; N ∝ C^0.73 comes from non-embedding counting and untuned schedules (Porian et al. 2024).`));
  }
  if (law.id === 'kaplan2020') {
    out.push(w('compute-units', 'info', 'Budget converted to PF-days (1 PF-day = 8.64e19 FLOPs) for Kaplan\'s formulas.'));
  }
  if (law.id === 'deepseek2024') {
    out.push(w('approximate-params', 'warning', 'DeepSeek predicts M (non-embedding FLOPs/token), not parameters: N ≈ M/6 is an approximation that ignores attention FLOPs and embeddings (see the M field).'));
  } else if (law.paramConvention === 'non-embedding') {
    out.push(w('non-embedding-params', 'warning', 'N counts non-embedding parameters only; add the embedding matrix before comparing with other laws.'));
  } else if (law.paramConvention === 'non-embedding incl. head') {
    out.push(w('params-exclude-input-embedding', 'warning', 'N counts every linear layer incl. the output head but not the input embedding (Porian et al.\'s count, FLOPs/token = 6N); with untied embeddings add the V×d input embedding before comparing with total-parameter laws.'));
  }
  if (law.provisional) {
    out.push(w('provisional', 'warning', 'Provisional constants (decoded from a garbled extraction of the paper); check them against the PDF.'));
  }
  if (law.predictsLoss) {
    if (law.id === 'atlas2025') {
      out.push(w('loss-not-comparable', 'warning', 'Loss is ATLAS\'s vocabulary-insensitive loss, not nats/token: not comparable with other laws\' losses.'));
    } else {
      out.push(w('loss-not-comparable', 'info', `Loss is in ${law.lossUnit}; losses from different papers (data, tokenizer) are not comparable.`));
    }
  }
  if (language && language !== 'en' && law.id !== 'atlas2025' && !law.languages.includes(language)) {
    out.push(w('language-mismatch', 'info', `Fitted on ${law.languages.join('/')} data, not ${LANGUAGE_NAMES[language]}; see the atlas2025 row for a ${LANGUAGE_NAMES[language]} law.`));
  }
  return out;
}

/** D > U: how many epochs, and whether the law accounts for it. */
export function repetitionWarning(D: number, U: number, penalised: boolean): Warning | undefined {
  if (!(D > U)) return undefined;
  const epochs = formatEpochs(D / U);
  if (penalised) {
    return w('repetition', 'warning', `D = ${formatCount(D)} tokens is ${epochs} over U = ${formatCount(U)} unique tokens; the repetition penalty (Muennighoff Eq. 5) is included.`);
  }
  return w('repetition', 'warning', `D = ${formatCount(D)} tokens is ${epochs} over U = ${formatCount(U)} unique tokens, but this law assumes fresh data; see muennighoff2023 for the repetition-aware optimum.`);
}
