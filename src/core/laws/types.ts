/**
 * Types of the published-law registry. A law is data (constants with their sources, the ranges the
 * paper fitted, conventions, caveats); the arithmetic lives in ./forms.ts and ../allocation.
 */

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

export interface Warning {
  code: string;
  severity: 'info' | 'warning';
  message: string;
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
  paramConvention: 'total' | 'non-embedding';
  flopConvention: string;
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
  uniqueTokens?: number;
  atlasVocab?: AtlasVocab;
}
