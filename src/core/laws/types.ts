/**
 * Types of the published-law registry. A law is data (constants with their sources, the ranges the
 * paper fitted, conventions, caveats); the arithmetic lives in ./forms.ts and ../allocation.
 */
import type { Diagnostic } from '../diagnostic';

export type LawId =
  | 'hoffmann2022-a1'
  | 'hoffmann2022-a2'
  | 'hoffmann2022-a3'
  | 'besiroglu2024'
  | 'kaplan2020'
  | 'muennighoff2023'
  | 'deepseek2024'
  | 'llama3-2024'
  | 'porian2024'
  | 'atlas2025';

export type Language = 'en' | 'fr' | 'ru' | 'zh' | 'hi' | 'sw';

/** ATLAS Table C.1 has two fits per language: a monolingual or a multilingual vocabulary. */
export type AtlasVocab = 'monolingual' | 'multilingual';

export interface Citation {
  authors: string;
  year: number;
  title: string;
  arxiv: string;
  url: string;
  /** Equation / table the constants come from. */
  source: string;
}

export interface Warning extends Diagnostic {
  severity: 'info' | 'warning';
}

/**
 * What a law's N counts. 'non-embedding incl. head' is Porian et al.'s "standard" count: every linear
 * layer including the output head, but not the input embedding (FLOPs/token = 6N).
 */
export type ParamConvention = 'total' | 'non-embedding' | 'non-embedding incl. head';

/** Human-readable description of each convention (CLI, README table, panels). */
export const PARAM_CONVENTION_LABELS: Record<ParamConvention, string> = {
  total: 'all parameters (incl. embeddings)',
  'non-embedding': 'non-embedding parameters (no token/position embeddings, no output head)',
  'non-embedding incl. head': 'all linear layers incl. the output head, without the input embedding',
};

/**
 * An alternative, labelled constant set of a law (e.g. Chinchilla Eq. 10 as printed). Selected with
 * `constantSet` in lawLoss / allocate / optimalLine and `--constants` on the CLI.
 */
export interface ConstantSetInfo {
  id: string;
  label: string;
  source: string;
  note: string;
  /** The set used when none is chosen. */
  default?: boolean;
}

export interface Constant {
  value: number;
  source: string;
  note?: string;
}

export interface LawInfo {
  id: LawId;
  name: string;
  citation: Citation;
  /** Plain-text formula. */
  form: string;
  formLatex: string;
  constants: Record<string, Constant>;
  paramConvention: ParamConvention;
  flopConvention: string;
  /** Alternative constant sets (the default one included), when the law has more than one. */
  constantSets?: ConstantSetInfo[];
  fitted: { params?: [number, number]; tokens?: [number, number]; compute?: [number, number] };
  architecture: string;
  data: string;
  languages: string[];
  caveats: string[];
  provisional?: boolean;
  historical?: boolean;
  predictsLoss: boolean;
  lossUnit: string;
}

/** What the caller knows about their situation; laws use the parts that apply to them. */
export interface LawContext {
  language?: Language;
  /**
   * Unique tokens available. Unset for atlas2025 means the language's MADLAD-400 count (the default cap,
   * applied by resolveLawContext for lawLoss and allocate alike) unless `noDataCap` is set.
   */
  uniqueTokens?: number;
  /** atlas2025 only: evaluate without the default MADLAD-400 cap (unlimited fresh data). */
  noDataCap?: boolean;
  atlasVocab?: AtlasVocab;
  /** A labelled alternative constant set (LawInfo.constantSets); laws without that set ignore it. */
  constantSet?: string;
}
