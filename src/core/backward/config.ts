/**
 * The backward-scaling config (`*.backward.jsonc`, older `backward_scaling*.jsonc`): a model, a cluster
 * and a time budget, turned by src/core/backward into compute, tokens and predicted loss.
 *
 * Accepts the current shape and the older one unchanged:
 *   - `scaling_law` as a registry id string, or the older object `{ "type"|"base": "hoffmann" |
 *     "hoffmann_2022" | "besiroglu" | "besiroglu_2024", E?, A?, B?, alpha?, beta? }` — `hoffmann` maps
 *     to hoffmann2022-a3 with Eq. 10's rounded constants (constant set 'eq10-rounded', what the older
 *     tool evaluated) and `besiroglu` to besiroglu2024; inline constants, when all five are given,
 *     define a custom Chinchilla-form law; `constant_set` picks one of a registry law's labelled sets;
 *   - `dataset { total_tokens, unique_tokens, language, max_epochs }` or the older
 *     `dataset_constraints { dataset_size, max_epochs, sequence_length }`;
 *   - `training_gear.dtype` as bf16 / bfloat16 / float16 / fp32 …; `output_options` is ignored.
 */
import type { JSONPath } from 'jsonc-parser';
import { InputError } from '../errors';
import { ArchError, normaliseArch, type ArchConfig } from '../arch';
import type { Checkpointing, Optimizer } from '../arch';
import { DTYPES, parseDtype, type Dtype } from '../hardware';
import { constantSetIds, getLaw, isLawId, LAW_IDS, LAWS, resolveConstantSet, type LawId, type Language, isLanguage, LANGUAGES } from '../laws';
import type { ChinchillaParams } from '../laws/forms';

export interface LawChoice {
  /** Registry law, or 'custom' for inline Chinchilla-form constants. */
  id: LawId | 'custom';
  /** Display name ("Hoffmann et al. 2022, Approach 3" / "custom constants from the config"). */
  label: string;
  /** Inline constants (custom laws only). */
  constants?: ChinchillaParams;
  /**
   * The registry constant set used (LawInfo.constantSets) — the configured or legacy one, else the
   * law's default; undefined for laws with a single set and for custom laws.
   */
  constantSet?: string;
  /** What the config said, for messages ("hoffmann" → hoffmann2022-a3). */
  from: string;
}

export interface BackwardConfig {
  /** Resolved architecture (inline or loaded from `architecture` as a path). */
  arch?: ArchConfig;
  /** Explicit parameter count (when no architecture is given). */
  parameters?: number;
  gear: { numGpus: number; gpuType: string; dtype: Dtype; peakFlopsPerGpu?: number; hours: number };
  efficiency: { mfu: number; uptime: number };
  dataset: { totalTokens?: number; uniqueTokens?: number; language?: Language; maxEpochs?: number };
  law: LawChoice;
  /** Tokens per optimizer step. */
  batchSizeTokens?: number;
  /** Training sequence length (attention FLOPs, activations). */
  seqLength: number;
  /** D = C / (6N) or C / (exact FLOPs per token, Chinchilla App. F). */
  flopsPerToken: '6N' | 'exact';
  memory: { microBatchSize: number; flashAttention: boolean; checkpointing: Checkpointing; optimizer: Optimizer };
}

/** A problem found while reading the config, located by JSON path (the caller maps it to line/column). */
export interface FieldProblem {
  path: JSONPath;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** 'unknown-key' problems point at the key, others at the value. */
  kind: 'invalid' | 'unknown-key' | 'unknown-dtype' | 'unknown-gpu' | 'arch-path';
  /** Replacement values for the field at `path`, offered as quick fixes. */
  fixes?: Array<{ title: string; value: unknown }>;
}

export const TOP_KEYS = [
  '$schema', 'name', 'description', 'architecture', 'parameters', 'training_gear', 'training_efficiency', 'dataset',
  'dataset_constraints', 'scaling_law', 'batch_size_tokens', 'sequence_length', 'flops_per_token', 'memory', 'output_options',
] as const;
/** Keys of each section (schemas/backward.schema.json lists the same; `scaling_law` in its object form). */
export const SECTION_KEYS = {
  training_gear: ['num_gpus', 'gpu_type', 'dtype', 'peak_flops_per_gpu', 'available_hours'],
  training_efficiency: ['expected_mfu', 'uptime', 'batch_size', 'gradient_accumulation_steps'],
  dataset: ['total_tokens', 'unique_tokens', 'language', 'max_epochs'],
  dataset_constraints: ['dataset_size', 'max_epochs', 'sequence_length'],
  scaling_law: ['type', 'base', 'id', 'constant_set', 'E', 'A', 'B', 'alpha', 'beta'],
  memory: ['micro_batch_size', 'flash_attention', 'activation_checkpointing', 'optimizer'],
} as const satisfies Record<string, readonly string[]>;
const { training_gear: GEAR_KEYS, training_efficiency: EFF_KEYS, dataset: DATASET_KEYS, dataset_constraints: OLD_DATASET_KEYS, scaling_law: LAW_KEYS, memory: MEMORY_KEYS } = SECTION_KEYS;

/**
 * Older `scaling_law` names (string, `type` or `base`) → registry law and constant set. The older tool
 * evaluated the Hoffmann law with Eq. 10's constants as printed, so its names keep that set (the
 * registry default is the unrounded one); an explicit `constant_set` still wins.
 */
export const LEGACY_LAWS: Record<string, { id: LawId; constantSet?: string }> = {
  hoffmann: { id: 'hoffmann2022-a3', constantSet: 'eq10-rounded' },
  hoffmann_2022: { id: 'hoffmann2022-a3', constantSet: 'eq10-rounded' },
  chinchilla: { id: 'hoffmann2022-a3', constantSet: 'eq10-rounded' },
  besiroglu: { id: 'besiroglu2024' }, besiroglu_2024: { id: 'besiroglu2024' }, epoch: { id: 'besiroglu2024' },
};

/** Every constant-set id of the registry (the schema's `constant_set` enum). */
export const CONSTANT_SET_IDS: readonly string[] = [...new Set(LAWS.flatMap((l) => constantSetIds(l.id)))];

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Thrown for the first problem that makes the config unusable. */
export class FieldError extends InputError {
  constructor(readonly problem: FieldProblem) {
    super(problem.message);
    this.name = 'FieldError';
  }
}

class Reader {
  readonly problems: FieldProblem[] = [];
  fail(path: JSONPath, message: string, kind: FieldProblem['kind'] = 'invalid'): never {
    throw new FieldError({ path, message, severity: 'error', kind });
  }
  obj(v: unknown, path: JSONPath, allowed: readonly string[], required: boolean): Obj | undefined {
    if (v === undefined) {
      if (required) this.fail(path.slice(0, -1), `missing required section '${String(path[path.length - 1])}'`);
      return undefined;
    }
    if (!isObj(v)) this.fail(path, `${path.join('.')}: expected an object`);
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) {
        this.problems.push({ path: [...path, k], kind: 'unknown-key', severity: 'warning', message: `unknown key '${k}'${path.length ? ` in '${path.join('.')}'` : ''} (expected one of: ${allowed.filter((a) => a !== '$schema').join(', ')})` });
      }
    }
    return v;
  }
  num(o: Obj | undefined, key: string, path: JSONPath, opts: { required?: boolean; min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {}): number | undefined {
    const v = o?.[key];
    const p = [...path, key];
    if (v === undefined) {
      if (opts.required) this.fail(path, `${path.length ? path.join('.') + ': ' : ''}missing required field '${key}'`);
      return undefined;
    }
    const min = opts.min ?? 0;
    const ok =
      typeof v === 'number' && Number.isFinite(v) && (opts.exclusiveMin === false ? v >= min : v > min) &&
      (opts.max === undefined || v <= opts.max) && (!opts.integer || Number.isInteger(v));
    if (!ok) {
      const range = `${opts.integer ? 'a whole number' : 'a number'} ${opts.exclusiveMin === false ? '≥' : '>'} ${min}${opts.max !== undefined ? ` and ≤ ${opts.max}` : ''}`;
      this.fail(p, `${p.join('.')}: expected ${range}, got ${JSON.stringify(v)}`);
    }
    return v as number;
  }
  str(o: Obj | undefined, key: string, path: JSONPath, required = false): string | undefined {
    const v = o?.[key];
    if (v === undefined) {
      if (required) this.fail(path, `${path.join('.')}: missing required field '${key}'`);
      return undefined;
    }
    if (typeof v !== 'string' || !v.trim()) this.fail([...path, key], `${[...path, key].join('.')}: expected a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  }
  bool(o: Obj | undefined, key: string, path: JSONPath): boolean | undefined {
    const v = o?.[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail([...path, key], `${[...path, key].join('.')}: expected true or false, got ${JSON.stringify(v)}`);
    return v;
  }
}

/** A registry law with its constant set (validated; the default when none is asked for). */
function registryLaw(r: Reader, id: LawId, from: string, set: string | undefined, setPath: JSONPath): LawChoice {
  const sets = constantSetIds(id);
  if (set !== undefined && !sets.includes(set)) {
    r.fail(setPath, sets.length
      ? `scaling_law.constant_set: unknown constant set '${set}' for ${id} (expected one of: ${sets.join(', ')})`
      : `scaling_law.constant_set: ${id} has a single constant set (constant sets exist for: ${LAWS.filter((l) => l.constantSets).map((l) => l.id).join(', ')})`);
  }
  const law = getLaw(id);
  const constantSet = sets.length ? resolveConstantSet(id, set) : undefined;
  const info = law.constantSets?.find((c) => c.id === constantSet);
  return { id, label: info ? `${law.name}, constant set ${info.id}: ${info.label}` : law.name, from, constantSet };
}

function lookupLaw(name: string): { id: LawId; constantSet?: string } | undefined {
  return isLawId(name) ? { id: name } : LEGACY_LAWS[name.toLowerCase()];
}

const unknownLaw = (where: string, name: string) =>
  `${where}: unknown law '${name}' (expected one of: ${LAW_IDS.join(', ')}; older names: ${Object.keys(LEGACY_LAWS).join(', ')})`;

function readLaw(r: Reader, v: unknown): LawChoice {
  const path = ['scaling_law'];
  if (v === undefined) return registryLaw(r, 'hoffmann2022-a3', '(default)', undefined, path);
  if (typeof v === 'string') {
    const found = lookupLaw(v);
    if (!found) r.fail(path, unknownLaw('scaling_law', v));
    return registryLaw(r, found.id, v, found.constantSet, path);
  }
  const o = r.obj(v, path, LAW_KEYS, true)!;
  const name = r.str(o, 'id', path) ?? r.str(o, 'type', path) ?? r.str(o, 'base', path);
  const nameKey = o.id !== undefined ? 'id' : o.type !== undefined ? 'type' : 'base';
  const set = r.str(o, 'constant_set', path);
  const consts = ['E', 'A', 'B', 'alpha', 'beta'].map((k) => r.num(o, k, path));
  const given = consts.filter((c) => c !== undefined).length;
  if (given > 0 && given < 5) r.fail(path, 'scaling_law: inline constants need all five of E, A, B, alpha, beta');
  const found = name !== undefined ? lookupLaw(name) : undefined;
  if (name !== undefined && !found && given < 5) r.fail([...path, nameKey], unknownLaw(`scaling_law.${nameKey}`, name));
  if (given === 5) {
    if (set !== undefined) r.fail([...path, 'constant_set'], 'scaling_law.constant_set: names a registry constant set, so it cannot be combined with inline constants E, A, B, alpha, beta (remove one or the other)');
    const [E, A, B, alpha, beta] = consts as number[];
    return { id: 'custom', label: `Chinchilla form with the config's constants (E=${E}, A=${A}, B=${B}, α=${alpha}, β=${beta})`, constants: { E, A, B, alpha, beta }, from: name ?? 'inline constants' };
  }
  if (!found) r.fail(path, `scaling_law: give a law id (one of: ${LAW_IDS.join(', ')})`);
  return registryLaw(r, found.id, name!, set ?? found.constantSet, [...path, 'constant_set']);
}

function dirname(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i >= 0 ? file.slice(0, i) : '.';
}

/** Resolve `rel` against the directory of `fromFile` (no node:path — the core also runs in browsers). */
export function resolveRelative(fromFile: string, rel: string): string {
  if (/^([a-zA-Z]:)?[\\/]/.test(rel)) return rel;
  const parts = `${dirname(fromFile)}/${rel}`.split(/[\\/]/);
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..' && out.length && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

export interface BackwardReadOptions {
  fileName: string;
  /** Reads a referenced architecture file; undefined when missing. Parsed as JSONC by the caller. */
  loadArch?: (path: string) => unknown | undefined;
  /**
   * Reads a referenced Hugging Face config.json / nanoGPT .py / Megatron .sh as a model config, or
   * undefined when the file is not one; throws FieldError for an unreadable one. Tried before loadArch.
   */
  loadModel?: (path: string, seqLength: number | undefined) => { arch: ArchConfig; warnings: string[] } | undefined;
}

/**
 * Validate and normalise a parsed backward config. Throws FieldError for the first fatal problem;
 * returns non-fatal problems (unknown keys…) alongside the config.
 */
export function readBackwardConfig(value: unknown, opts: BackwardReadOptions): { config: BackwardConfig; problems: FieldProblem[] } {
  const r: Reader = new Reader();
  const top = r.obj(value, [], TOP_KEYS, true)!;

  let arch: ArchConfig | undefined;
  const a = top.architecture;
  try {
    if (typeof a === 'string') {
      const resolved = resolveRelative(opts.fileName, a);
      const seq = top.sequence_length ?? (isObj(top.dataset_constraints) ? top.dataset_constraints.sequence_length : undefined);
      const model = opts.loadModel?.(resolved, typeof seq === 'number' && Number.isInteger(seq) && seq > 0 ? seq : undefined);
      for (const w of model?.warnings ?? []) r.problems.push({ path: ['architecture'], kind: 'invalid', severity: 'warning', message: `${a}: ${w}` });
      const loaded = model ? { architecture: model.arch } : opts.loadArch?.(resolved);
      if (loaded === undefined) r.fail(['architecture'], `architecture: cannot read '${a}' (resolved to ${resolved})`, 'arch-path');
      const inner = isObj(loaded) && isObj(loaded.architecture) ? loaded.architecture : loaded;
      try {
        arch = model ? model.arch : normaliseArch(inner, []);
      } catch (e) {
        if (e instanceof ArchError) r.fail(['architecture'], `${a}: ${e.message}`, 'arch-path');
        throw e;
      }
    } else if (a !== undefined) {
      arch = normaliseArch(a, ['architecture']);
    }
  } catch (e) {
    if (e instanceof ArchError) r.fail(e.path, e.message);
    throw e;
  }
  const parameters = r.num(top, 'parameters', []);
  if (!arch && parameters === undefined) r.fail([], "give either 'architecture' (inline or a path to an .arch.jsonc) or 'parameters' (a parameter count)");

  const g = r.obj(top.training_gear, ['training_gear'], GEAR_KEYS, true);
  const gp = ['training_gear'];
  const dtypeRaw = r.str(g, 'dtype', gp) ?? 'bf16';
  const dtype = parseDtype(dtypeRaw);
  if (!dtype) r.fail([...gp, 'dtype'], `training_gear.dtype: unknown dtype '${dtypeRaw}' (expected one of: ${DTYPES.join(', ')})`, 'unknown-dtype');
  const gear = {
    numGpus: r.num(g, 'num_gpus', gp, { required: true, integer: true })!,
    gpuType: r.str(g, 'gpu_type', gp, g?.peak_flops_per_gpu === undefined) ?? 'custom',
    dtype,
    peakFlopsPerGpu: r.num(g, 'peak_flops_per_gpu', gp),
    hours: r.num(g, 'available_hours', gp, { required: true })!,
  };

  const e = r.obj(top.training_efficiency, ['training_efficiency'], EFF_KEYS, true);
  const ep = ['training_efficiency'];
  const efficiency = { mfu: r.num(e, 'expected_mfu', ep, { required: true, max: 1 })!, uptime: r.num(e, 'uptime', ep, { max: 1 }) ?? 1 };

  const d = r.obj(top.dataset, ['dataset'], DATASET_KEYS, false);
  const old = r.obj(top.dataset_constraints, ['dataset_constraints'], OLD_DATASET_KEYS, false);
  const language = r.str(d, 'language', ['dataset']);
  if (language !== undefined && !isLanguage(language.toLowerCase())) {
    r.fail(['dataset', 'language'], `dataset.language: unknown language '${language}' (expected one of: ${LANGUAGES.join(', ')})`);
  }
  const dataset = {
    totalTokens: r.num(d, 'total_tokens', ['dataset']) ?? r.num(old, 'dataset_size', ['dataset_constraints']),
    uniqueTokens: r.num(d, 'unique_tokens', ['dataset']),
    language: language?.toLowerCase() as Language | undefined,
    maxEpochs: r.num(d, 'max_epochs', ['dataset']) ?? r.num(old, 'max_epochs', ['dataset_constraints']),
  };

  const fpt = top.flops_per_token;
  if (fpt !== undefined && fpt !== '6N' && fpt !== 'exact') r.fail(['flops_per_token'], `flops_per_token: expected "6N" or "exact", got ${JSON.stringify(fpt)}`);

  const m = r.obj(top.memory, ['memory'], MEMORY_KEYS, false);
  const ck = m?.activation_checkpointing;
  if (ck !== undefined && ck !== 'none' && ck !== 'selective' && ck !== 'full') r.fail(['memory', 'activation_checkpointing'], `memory.activation_checkpointing: expected "none", "selective" or "full", got ${JSON.stringify(ck)}`);
  const optm = m?.optimizer;
  if (optm !== undefined && optm !== 'adamw' && optm !== 'sgd') r.fail(['memory', 'optimizer'], `memory.optimizer: expected "adamw" or "sgd", got ${JSON.stringify(optm)}`);

  const seqLength =
    r.num(top, 'sequence_length', [], { integer: true }) ?? r.num(old, 'sequence_length', ['dataset_constraints'], { integer: true }) ?? arch?.seq_length ?? 2048;

  const config: BackwardConfig = {
    arch,
    parameters,
    gear,
    efficiency,
    dataset,
    law: readLaw(r, top.scaling_law),
    batchSizeTokens: r.num(top, 'batch_size_tokens', [], { integer: true }),
    seqLength,
    flopsPerToken: (fpt as '6N' | 'exact' | undefined) ?? '6N',
    memory: {
      microBatchSize: r.num(m, 'micro_batch_size', ['memory'], { integer: true }) ?? r.num(e, 'batch_size', ep, { integer: true }) ?? 1,
      flashAttention: r.bool(m, 'flash_attention', ['memory']) ?? true,
      checkpointing: (ck as Checkpointing | undefined) ?? 'none',
      optimizer: (optm as Optimizer | undefined) ?? 'adamw',
    },
  };
  return { config, problems: r.problems };
}
