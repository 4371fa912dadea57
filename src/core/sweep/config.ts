/**
 * The IsoFLOP sweep config (`*.sweep.jsonc`): what to plan, how to launch it and how to mock it.
 * JSONC (comments, trailing commas) parsed with jsonc-parser; every error names file, line and column
 * of the offending value and says what was expected. Unknown keys are errors (a typo such as
 * "modelPerBudget" must not silently fall back to a default).
 *
 * Example:
 *   {
 *     "name": "small-isoflop",
 *     "budgets": { "from": 1e18, "to": 1e20, "count": 5 },   // or [1e18, 3e18, 1e19]
 *     "law": "hoffmann2022-a3",       // predicts the optimum each grid is centred on
 *     "modelsPerBudget": 7, "span": 8, // 7 sizes from N_opt/√8 to N_opt·√8
 *     "seqLen": 2048, "batchSize": 256, "vocabSize": 32000,
 *     "gpu": "H100-SXM", "mfu": 0.4,
 *     "command": "python train.py --layers {layers} --d-model {width} --heads {heads} --ffn {ffn} --steps {steps}"
 *   }
 */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { lineColumn } from '../config/jsonc';
import { InputError } from '../errors';
import { PLAN_HPARAM_LAWS } from '../hparams';

export interface SweepConfig {
  name: string;
  /** Compute budgets in FLOPs, ascending. */
  budgets: number[];
  /** Law (registry id) whose compute-optimal N centres each budget's grid. */
  law: string;
  modelsPerBudget: number;
  /** Largest / smallest model at each budget (the grid is log-spaced and centred on the optimum). */
  span: number;
  /** Multiplier on the predicted optimum for the grid centre (1 = centred). */
  centre: number;
  seqLen: number;
  /** Sequences per optimizer step; tokens per step = batchSize × seqLen (every run, unless hparamsLaw is set). */
  batchSize: number;
  /**
   * Hyperparameter law (src/core/hparams: steplaw2025 or deepseek2024) that gives each run its own batch
   * size and peak learning rate ({batch_size}, {lr}); unset: every run uses batchSize and has no {lr}.
   */
  hparamsLaw?: string;
  vocabSize: number;
  /** Largest accepted |N_shape − N_target| / N_target for a run's architecture. */
  shapeTolerance: number;
  /** D = C/(6N), or D = C/(exact FLOPs per token of the shape, Chinchilla App. F). */
  flopsPerToken: '6N' | 'exact';
  gpu?: string;
  dtype: string;
  mfu?: number;
  /** GPUs per run (SLURM --gpus, SkyPilot accelerators count). */
  gpusPerRun: number;
  /** Training command template with {placeholders} (see export.ts for the list). */
  command?: string;
  mock: { law?: string; noise: number; seed: number };
  slurm: { partition?: string; time?: string; account?: string; extra: string[] };
  skypilot: { accelerators?: string; setup?: string; workdir?: string };
}

/** Top-level keys a sweep config may have (schemas/sweep.schema.json lists the same). */
export const SWEEP_KEYS = [
  '$schema', 'name', 'budgets', 'law', 'modelsPerBudget', 'span', 'centre', 'seqLen', 'batchSize', 'hparamsLaw', 'vocabSize',
  'shapeTolerance', 'flopsPerToken', 'gpu', 'dtype', 'mfu', 'gpusPerRun', 'command', 'mock', 'slurm', 'skypilot',
] as const;

/** Keys of the nested objects. */
export const SWEEP_SECTION_KEYS = {
  budgets: ['from', 'to', 'count'],
  mock: ['law', 'noise', 'seed'],
  slurm: ['partition', 'time', 'account', 'extra'],
  skypilot: ['accelerators', 'setup', 'workdir'],
} as const satisfies Record<string, readonly string[]>;

export const DEFAULT_SWEEP_LAW = 'hoffmann2022-a3';

/** Log-spaced budgets from `from` to `to` inclusive (count ≥ 2), rounded to 3 significant digits. */
export function logSpacedBudgets(from: number, to: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = Math.exp(Math.log(from) + (i / (count - 1)) * (Math.log(to) - Math.log(from)));
    out.push(Number(x.toPrecision(3)));
  }
  return out;
}

export function parseSweepConfig(text: string, fileName = 'sweep.jsonc'): SweepConfig {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const fail = (offset: number, msg: string): never => {
    const { line, column } = lineColumn(text, offset);
    throw new InputError(fileName, line, column, msg);
  };
  if (errors.length > 0) fail(errors[0].offset, `invalid JSONC: ${printParseErrorCode(errors[0].error)}`);
  if (!root || root.type !== 'object') return fail(root?.offset ?? 0, 'a sweep config must be a JSON object');
  const top = root;

  const node = (path: Array<string | number>): Node | undefined => findNodeAtLocation(top, path);
  const at = (path: Array<string | number>): number => node(path)?.offset ?? top.offset;
  const value = (path: Array<string | number>): unknown => {
    const n = node(path);
    return n ? getNodeValue(n) : undefined;
  };
  const num = (path: Array<string | number>, what: string, ok: (x: number) => boolean, dflt?: number): number => {
    const v = value(path);
    if (v === undefined) {
      if (dflt === undefined) return fail(top.offset, `missing "${path.join('.')}" (${what})`);
      return dflt;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) return fail(at(path), `"${path.join('.')}" must be ${what}, got ${JSON.stringify(v)}`);
    return v;
  };
  /** `multiLine`: only the command and setup scripts may span lines; any other value lands on one script line. */
  const str = (path: Array<string | number>, dflt?: string, multiLine = false): string | undefined => {
    const v = value(path);
    if (v === undefined) return dflt;
    if (typeof v !== 'string' || v.trim() === '') return fail(at(path), `"${path.join('.')}" must be a non-empty string, got ${JSON.stringify(v)}`);
    if (!multiLine && /[\u0000-\u001f\u007f]/.test(v)) {
      return fail(at(path), `"${path.join('.')}" must be a single line: a line break or control character would end up as a separate line of the exported script, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const objectKeys = (path: string[], allowed: readonly string[]) => {
    const n = path.length ? node(path) : top;
    if (!n) return;
    if (n.type !== 'object') fail(n.offset, `"${path.join('.')}" must be an object`);
    for (const prop of n.children ?? []) {
      const key = prop.children?.[0];
      if (key && !allowed.includes(String(key.value))) {
        fail(key.offset, `unknown key "${key.value}"${path.length ? ` in "${path.join('.')}"` : ''} (expected one of: ${allowed.filter((k) => k !== '$schema').join(', ')})`);
      }
    }
  };
  objectKeys([], SWEEP_KEYS);
  for (const section of ['mock', 'slurm', 'skypilot'] as const) objectKeys([section], SWEEP_SECTION_KEYS[section]);

  const positive = (x: number) => x > 0;
  const wholeAtLeast = (m: number) => (x: number) => Number.isInteger(x) && x >= m;

  // Budgets: a list, or { from, to, count } log-spaced.
  const bNode = node(['budgets']);
  let budgets: number[];
  if (!bNode) return fail(top.offset, 'missing "budgets" (a list of FLOP budgets, or { "from": 1e18, "to": 1e20, "count": 5 })');
  if (bNode.type === 'array') {
    budgets = (bNode.children ?? []).map((_, i) => num(['budgets', i], 'a positive number of FLOPs', positive));
    if (budgets.length === 0) fail(bNode.offset, '"budgets" is empty');
    const seen = new Set<number>();
    budgets.forEach((b, i) => {
      if (seen.has(b)) fail(at(['budgets', i]), `budget ${b} is listed twice`);
      seen.add(b);
    });
    budgets.sort((x, y) => x - y);
  } else if (bNode.type === 'object') {
    objectKeys(['budgets'], SWEEP_SECTION_KEYS.budgets);
    const from = num(['budgets', 'from'], 'a positive number of FLOPs', positive);
    const to = num(['budgets', 'to'], `a number of FLOPs greater than "from" (${from})`, (x) => x > from);
    const count = num(['budgets', 'count'], 'a whole number ≥ 2', wholeAtLeast(2));
    budgets = logSpacedBudgets(from, to, count);
  } else {
    return fail(bNode.offset, '"budgets" must be a list of FLOP budgets or { "from", "to", "count" }');
  }

  const fpt = str(['flopsPerToken'], '6N');
  if (fpt !== '6N' && fpt !== 'exact') fail(at(['flopsPerToken']), `"flopsPerToken" must be "6N" or "exact", got ${JSON.stringify(fpt)}`);
  const extraNode = node(['slurm', 'extra']);
  const extra = extraNode ? (extraNode.children ?? []).map((_, i) => str(['slurm', 'extra', i]) as string) : [];
  if (extraNode && extraNode.type !== 'array') fail(extraNode.offset, '"slurm.extra" must be a list of "#SBATCH" option strings');

  const mfu = value(['mfu']) === undefined ? undefined : num(['mfu'], 'a fraction in (0, 1]', (x) => x > 0 && x <= 1);
  const gpu = str(['gpu']);
  if (mfu !== undefined && gpu === undefined) fail(at(['mfu']), '"mfu" is set but "gpu" is not (GPU-hours need both)');

  const hparamsLaw = str(['hparamsLaw']);
  if (hparamsLaw !== undefined && !(PLAN_HPARAM_LAWS as readonly string[]).includes(hparamsLaw)) {
    fail(at(['hparamsLaw']), `"hparamsLaw" must be one of ${PLAN_HPARAM_LAWS.join(', ')} (laws giving a learning rate and an optimal batch), got ${JSON.stringify(hparamsLaw)}`);
  }
  if (hparamsLaw !== undefined && value(['batchSize']) !== undefined) {
    fail(at(['batchSize']), `"batchSize" and "hparamsLaw" both set the batch: with "hparamsLaw": ${JSON.stringify(hparamsLaw)} each run's batch comes from the law; remove one`);
  }
  const command = str(['command'], undefined, true);
  if (command !== undefined && hparamsLaw === undefined && /\{lr\}/.test(command)) {
    fail(at(['command']), '"command" uses {lr} but "hparamsLaw" is not set: the learning rate comes from a hyperparameter law (e.g. "hparamsLaw": "steplaw2025")');
  }

  return {
    name: str(['name'], fileName.replace(/^.*[\\/]/, '').replace(/\.sweep\.jsonc?$|\.jsonc?$/, '')) as string,
    budgets,
    law: str(['law'], DEFAULT_SWEEP_LAW) as string,
    modelsPerBudget: num(['modelsPerBudget'], 'a whole number ≥ 3 (a parabola needs 3 points)', wholeAtLeast(3), 7),
    span: num(['span'], 'a ratio > 1 (largest / smallest model at a budget)', (x) => x > 1, 8),
    centre: num(['centre'], 'a positive multiplier on the predicted optimum', positive, 1),
    seqLen: num(['seqLen'], 'a whole number of tokens ≥ 1', wholeAtLeast(1), 2048),
    batchSize: num(['batchSize'], 'a whole number of sequences ≥ 1', wholeAtLeast(1), 256),
    hparamsLaw,
    vocabSize: num(['vocabSize'], 'a whole number ≥ 1', wholeAtLeast(1), 32000),
    shapeTolerance: num(['shapeTolerance'], 'a fraction in (0, 1)', (x) => x > 0 && x < 1, 0.05),
    flopsPerToken: fpt as '6N' | 'exact',
    gpu,
    dtype: str(['dtype'], 'bf16') as string,
    mfu,
    gpusPerRun: num(['gpusPerRun'], 'a whole number ≥ 1', wholeAtLeast(1), 8),
    command,
    mock: {
      law: str(['mock', 'law']),
      noise: num(['mock', 'noise'], 'a standard deviation ≥ 0 (nats)', (x) => x >= 0, 0.01),
      seed: num(['mock', 'seed'], 'a whole number ≥ 0', wholeAtLeast(0), 0),
    },
    slurm: { partition: str(['slurm', 'partition']), time: str(['slurm', 'time']), account: str(['slurm', 'account']), extra },
    skypilot: { accelerators: str(['skypilot', 'accelerators']), setup: str(['skypilot', 'setup'], undefined, true), workdir: str(['skypilot', 'workdir']) },
  };
}
