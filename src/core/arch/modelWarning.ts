/**
 * What reading a framework's model config (Hugging Face config.json, nanoGPT config .py, Megatron-LM
 * launch script) yields: the resolved architecture, which family/format it was read as, and every
 * assumption made on the way — as warnings that name the key and say what was assumed.
 */
import type { ArchConfig } from './types';

export type ModelFormat = 'huggingface' | 'nanogpt' | 'megatron';

export interface ModelWarning {
  /**
   * Where to point: a JSON path for config.json; `[key]` for nanoGPT / Megatron, located by the
   * caller through `spans`.
   */
  path: (string | number)[];
  message: string;
  /** Replacement values for the key (quick fixes), best first. */
  fixes?: Array<{ title: string; value: unknown }>;
}

export interface ModelRead {
  format: ModelFormat;
  /** model_type (Hugging Face), 'nanogpt' or 'megatron'. */
  family: string;
  arch: ArchConfig;
  warnings: ModelWarning[];
  /** Facts worth showing that are not assumptions (e.g. nanoGPT's own reported count). */
  notes: string[];
  /** Where the training sequence length came from. */
  seqLengthFrom: 'option' | 'config' | 'assumed';
  /**
   * Text spans of the keys (offset, length) for non-JSON formats, keyed by the name used in `path`;
   * JSON configs are located through their syntax tree instead.
   */
  spans?: Record<string, { offset: number; length: number }>;
}

export interface ReadOptions {
  /** Training sequence length (CLI `--seq-length`); otherwise from the training config or assumed with a warning. */
  seqLength?: number;
  /** Vocabulary size when the config names only a tokenizer (Megatron `--tokenizer-type` without `--vocab-size`). */
  vocabSize?: number;
}

/** The sequence length used when a model config does not say what it trains at (flagged, never silent). */
export const ASSUMED_SEQ_LENGTH = 2048;
