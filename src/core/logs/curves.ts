/**
 * LogTable → RunCurves, the same for every format. Columns are found by role (csv/columns.ts: loss aliases as
 * for run tables, plus run, step, tokens, lr and perplexity for logs) or chosen by the user, and a chosen
 * column may carry a unit transform: `10^num_token` (a log10 column, as the OPT trajectories store tokens),
 * `exp(x)`, `ln(ppl)`. A perplexity column with no loss column is read as loss = ln(ppl), with a note.
 *
 * Per run: N from the N column, else the caller's N (a sidecar), else the log's config (n_params…), else the
 * run or file name (names.ts, with the user's size table); tokens from the tokens column, else steps × tokens
 * per step, the latter from the caller or the log's config (batch × sequence length [× gradient
 * accumulation]), with a note saying which keys were used. Nothing is guessed silently: an unknown N or
 * tokens-per-step leaves null in the curve and prepare.ts refuses with what to give.
 */
import { matchRole, matchLogRole, normaliseHeader, ALIASES, type LogRole } from '../csv/columns';
import { LogError, shown } from './errors';
import { sizeFromName } from './names';
import { baseName } from './csvLog';
import type { Cell, Checkpoint, LogColumnRole, LogTable, RunCurve } from './types';
import { maxOf } from '../stats/extent';

export interface CurveOptions {
  /** Header (or transform such as 10^num_token) per role; `run` may join several headers with '+'. */
  columns?: Partial<Record<LogColumnRole, string>>;
  /** Run/file-name token → N, e.g. { d32: 1.9e9, small: 125e6 }. */
  sizes?: Record<string, number>;
  /** N for every run of this table (from a sidecar or the user). */
  N?: number;
  /** Tokens per optimizer step (batch × sequence length) when only steps are logged. */
  tokensPerStep?: number;
}

export interface CurveSet {
  curves: RunCurve[];
  /** The header (or transform) used per role. */
  columns: Partial<Record<LogColumnRole, string>>;
  notes: string[];
  warnings: string[];
}

type Getter = (row: Cell[]) => number | undefined;
const TRANSFORMS: Array<[RegExp, (x: number) => number, string]> = [
  [/^10\^(.+)$/, (x) => 10 ** x, '10^'],
  [/^exp\((.+)\)$/, Math.exp, 'exp'],
  [/^ln\((.+)\)$/, Math.log, 'ln'],
];

const num = (c: Cell): number | undefined => (typeof c === 'number' && Number.isFinite(c) ? c : undefined);

/** A user's column choice: a header, optionally inside a transform. */
function chosen(t: LogTable, role: string, spec: string): { get: Getter; index: number } {
  for (const [re, f] of TRANSFORMS) {
    const m = re.exec(spec.trim());
    if (m) {
      const inner = chosen(t, role, m[1]);
      return { get: (r) => { const x = inner.get(r); return x === undefined ? undefined : f(x); }, index: inner.index };
    }
  }
  const i = t.headers.indexOf(spec.trim());
  if (i < 0) throw new LogError(t.file, 1, 1, `no column named '${shown(spec)}' for ${role} (columns: ${t.headers.map(shown).join(', ')})`);
  return { get: (r) => num(r[i]), index: i };
}

const CONFIG_N = ['n_params', 'num_params', 'params', 'n_parameters', 'num_parameters', 'model_params', 'parameters', 'n'];
const CONFIG_TPS = ['tokens_per_step', 'tokens_per_batch', 'batch_tokens', 'global_batch_tokens'];
const CONFIG_BATCH = ['global_batch_size', 'total_batch_size', 'train_batch_size', 'batch_size'];
const CONFIG_SEQ = ['seq_len', 'seq_length', 'sequence_length', 'block_size', 'max_seq_len', 'context_length', 'n_ctx'];
const CONFIG_ACCUM = ['gradient_accumulation_steps', 'grad_accum_steps', 'grad_accum'];

function configValue(config: Record<string, unknown>, keys: string[]): [string, number] | null {
  const flat = Object.entries(config).map(([k, v]) => [normaliseHeader(k), k, v] as const);
  for (const key of keys) {
    const hit = flat.find(([n, , v]) => n === key && typeof v === 'number' && v > 0 && Number.isFinite(v));
    if (hit) return [hit[1], hit[2] as number];
  }
  return null;
}

/** Tokens per step from a log's config, with the keys used (null when the config does not give it). */
export function tokensPerStepFromConfig(config: Record<string, unknown>): { value: number; how: string } | null {
  const tps = configValue(config, CONFIG_TPS);
  if (tps) return { value: tps[1], how: `${tps[0]} = ${tps[1]}` };
  const b = configValue(config, CONFIG_BATCH);
  const s = configValue(config, CONFIG_SEQ);
  if (!b || !s) return null;
  const acc = configValue(config, CONFIG_ACCUM);
  const value = b[1] * s[1] * (acc?.[1] ?? 1);
  return { value, how: `${b[0]} ${b[1]} × ${s[0]} ${s[1]}${acc ? ` × ${acc[0]} ${acc[1]}` : ''} (sequences per optimizer step across all devices assumed)` };
}

export function curvesFromTable(t: LogTable, opts: CurveOptions = {}): CurveSet {
  const forced = opts.columns ?? {};
  const notes: string[] = [...t.notes.map((n) => `${baseName(t.file)}: ${n}`)];
  const warnings: string[] = [];
  const used: CurveSet['columns'] = {};
  const taken = new Set<number>();
  const pick = (role: LogColumnRole, auto: () => number): { get: Getter; index: number } | null => {
    const spec = forced[role];
    if (spec !== undefined && role !== 'run') {
      const c = chosen(t, role, spec);
      used[role] = spec;
      taken.add(c.index);
      return c;
    }
    const i = auto();
    if (i < 0) return null;
    used[role] = t.headers[i];
    taken.add(i);
    return { get: (r) => num(r[i]), index: i };
  };

  // Loss (or perplexity → ln).
  let loss = pick('loss', () => {
    const m = matchRole('loss', t.headers, taken);
    if (m && m.index < 0) throw new LogError(t.file, 1, 1, `several columns could be the loss (${m.alternatives.map(shown).join(', ')}): choose one (CLI: --column loss=<header>)`);
    if (m?.alternatives.length) notes.push(`${baseName(t.file)}: loss read from '${t.headers[m.index]}' (also present: ${m.alternatives.join(', ')}; choose with --column loss=<header>)`);
    return m ? m.index : -1;
  });
  if (!loss) {
    const p = matchLogRole('ppl', t.headers, taken);
    if (p >= 0) {
      loss = { get: (r) => { const x = num(r[p]); return x === undefined ? undefined : Math.log(x); }, index: p };
      used.loss = `ln(${t.headers[p]})`;
      taken.add(p);
      notes.push(`${baseName(t.file)}: loss = ln('${t.headers[p]}') (a perplexity column, no loss column)`);
    }
  }
  if (!loss) throw new LogError(t.file, 1, 1, `no loss column (expected one of: ${ALIASES.loss.slice(0, 6).join(', ')}…, or a perplexity column); columns: ${t.headers.map(shown).join(', ')}`);

  const auto = (role: LogRole) => () => matchLogRole(role, t.headers, taken);
  const tokens = pick('tokens', auto('tokens'));
  const step = pick('step', auto('step'));
  const lr = pick('lr', () => {
    const i = matchLogRole('lr', t.headers, taken);
    if (i >= 0) return i;
    // Loose: a single header ending in _lr / learning_rate (W&B "train/lr", "optimizer/lr_group0"); not a
    // run's hyperparameter such as peak_lr / max_lr, which is constant and says nothing about the schedule.
    const loose = t.headers
      .map((h, j) => {
        const n = normaliseHeader(h);
        return /(^|_)(lr|learning_rate)(_|\d|$)/.test(n) && !/(peak|max|min|init|base|final)_?(lr|learning_rate)/.test(n) && !taken.has(j) ? j : -1;
      })
      .filter((j) => j >= 0);
    return loose.length === 1 ? loose[0] : -1;
  });
  const nCol = pick('N', () => {
    const m = matchRole('N', t.headers, taken);
    return m && m.index >= 0 ? m.index : -1;
  });
  if (!tokens && !step) throw new LogError(t.file, 1, 1, `no step or tokens column (expected e.g. step, _step, global_step, tokens, token_num); columns: ${t.headers.map(shown).join(', ')}`);

  // Run column(s): chosen ('a+b'), or detected.
  let runIdx: number[] = [];
  if (forced.run !== undefined) {
    runIdx = forced.run.split('+').map((h) => {
      const i = t.headers.indexOf(h.trim());
      if (i < 0) throw new LogError(t.file, 1, 1, `no column named '${shown(h)}' for run (columns: ${t.headers.map(shown).join(', ')})`);
      return i;
    });
    used.run = forced.run;
  } else {
    const i = matchLogRole('run', t.headers, taken);
    if (i >= 0) {
      runIdx = [i];
      used.run = t.headers[i];
    }
  }
  runIdx.forEach((i) => taken.add(i));

  // Group rows into runs; when an N column varies within a run name, N splits the run (OPT's model_name is
  // "OPT" for every size).
  const nText = (r: Cell[]) => (nCol && typeof r[nCol.index] === 'string' ? (r[nCol.index] as string) : undefined);
  const nOf = (r: Cell[]): number | undefined => {
    if (!nCol) return undefined;
    const x = nCol.get(r);
    if (x !== undefined) return x;
    const s = nText(r);
    const z = s ? sizeFromName(s, opts.sizes) : null;
    return z && z.N !== null ? z.N : undefined;
  };
  const runName = (r: Cell[]) => (runIdx.length ? runIdx.map((i) => String(r[i] ?? '')).join(' · ') : t.defaultRun);
  // A detected run column can hold several runs (datablations' `checkpoint` is one repo per model size with
  // runs at 8 repetition levels): when x falls inside a run, look for one more column that splits every run
  // into monotonic curves, and say so.
  if (forced.run === undefined) {
    const xOf = (r: Cell[]) => (tokens ? tokens.get(r) : step?.get(r)) ?? 0;
    const monotonic = (key: (r: Cell[]) => string) => {
      const last = new Map<string, number>();
      for (const r of t.rows) {
        const k = key(r);
        const x = xOf(r);
        if (x < (last.get(k) ?? -Infinity)) return false;
        last.set(k, x);
      }
      return true;
    };
    if (!monotonic(runName)) {
      const extra = t.headers
        .map((_, i) => i)
        .filter((i) => !taken.has(i) && !runIdx.includes(i) && t.rows.some((r) => r[i] !== undefined))
        .find((i) => monotonic((r) => `${runName(r)}\u0000${String(r[i] ?? '')}`) && new Set(t.rows.map((r) => r[i])).size < t.rows.length / 2);
      if (extra !== undefined) {
        runIdx = [...runIdx, extra];
        used.run = runIdx.map((i) => t.headers[i]).join('+');
        notes.push(`${baseName(t.file)}: runs told apart by ${used.run} (${t.headers[extra]} added: ${runIdx.length > 1 ? 'the first column alone mixes runs' : 'no run column'}; choose with --column run=<header>[+<header>])`);
      }
    }
  }
  const nValuesByRun = new Map<string, Set<number>>();
  for (const r of t.rows) {
    const n = nOf(r);
    if (n === undefined) continue;
    const k = runName(r);
    if (!nValuesByRun.has(k)) nValuesByRun.set(k, new Set());
    nValuesByRun.get(k)!.add(n);
  }
  const splitByN = [...nValuesByRun.values()].some((s) => s.size > 1);
  const keyOf = (r: Cell[]) => {
    const base = runName(r);
    if (!splitByN) return base;
    const s = nText(r);
    return `${base} ${s ?? nOf(r) ?? ''}`.trim();
  };

  const groups = new Map<string, number[]>();
  let noLoss = 0;
  for (let j = 0; j < t.rows.length; j++) {
    const l = loss.get(t.rows[j]);
    if (!(l !== undefined && l > 0 && Number.isFinite(l))) {
      noLoss++;
      continue;
    }
    const k = keyOf(t.rows[j]);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(j);
  }
  if (noLoss) notes.push(`${baseName(t.file)}: ${noLoss} row${noLoss === 1 ? '' : 's'} without a positive ${used.loss} skipped (other metrics logged at those steps)`);
  if (groups.size === 0) throw new LogError(t.file, 1, 1, `no row has a positive loss in '${shown(used.loss ?? '')}'`);

  const configTps = tokensPerStepFromConfig(t.config);
  const tps = opts.tokensPerStep ?? configTps?.value ?? null;
  if (!tokens && opts.tokensPerStep === undefined && configTps) notes.push(`${baseName(t.file)}: tokens = step × ${configTps.value} (${configTps.how}, from the log's config)`);
  if (!tokens && opts.tokensPerStep !== undefined) notes.push(`${baseName(t.file)}: tokens = step × ${opts.tokensPerStep} tokens per step (given)`);
  const configN = configValue(t.config, CONFIG_N);

  const curves: RunCurve[] = [];
  for (const [run, idx] of groups) {
    const points: Checkpoint[] = [];
    let prev = -Infinity;
    let fellAt: number | null = null;
    for (const j of idx) {
      const r = t.rows[j];
      const s = step?.get(r) ?? null;
      const d = tokens?.get(r) ?? (s !== null && tps !== null ? s * tps : null);
      const x = d ?? s ?? 0;
      if (x < prev && fellAt === null) fellAt = t.lines[j];
      prev = x;
      points.push({ step: s, tokens: d, loss: loss.get(r)!, lr: lr?.get(r) ?? null, line: t.lines[j] });
    }
    if (fellAt !== null) warnings.push(`${baseName(t.file)} run '${run}': ${tokens ? 'tokens' : 'steps'} go back at line ${fellAt}: rows of several runs mixed? name the run column(s) (CLI: --column run=<header>[+<header>])`);
    points.sort((a, b) => (a.tokens ?? a.step ?? 0) - (b.tokens ?? b.step ?? 0));

    // N for this run.
    let N: number | null = null;
    let nSource = '';
    const nRow = nCol ? idx.map((j) => nOf(t.rows[j])).find((x) => x !== undefined) : undefined;
    if (nRow !== undefined) {
      N = nRow;
      nSource = `column '${used.N}'`;
    } else if (opts.N !== undefined) {
      N = opts.N;
      nSource = 'given';
    } else if (configN) {
      N = configN[1];
      nSource = `config '${configN[0]}'`;
    } else {
      const fromRun = sizeFromName(run, opts.sizes);
      const fromFile = fromRun.N === null ? sizeFromName(baseName(t.file), opts.sizes) : fromRun;
      if (fromFile.N !== null) {
        N = fromFile.N;
        nSource = `${fromFile.via === 'table' ? 'size table' : fromRun.N !== null ? 'run name' : 'file name'} '${fromFile.token}'`;
      } else nSource = fromRun.N === null ? (fromRun as { reason: string }).reason : '';
    }

    // Columns constant over the run (peak_lr, seed, batch_size…), for sweep-repeat detection.
    const constants: Record<string, string> = {};
    t.headers.forEach((h, i) => {
      if (taken.has(i) && !runIdx.includes(i)) return;
      const first = t.rows[idx[0]][i];
      if (first === undefined) return;
      if (idx.every((j) => t.rows[j][i] === first)) constants[h] = String(first);
    });
    curves.push({ run, file: t.file, N, nSource, points, tokensPerStep: tokens ? null : tps, constants });
  }
  const maxTok = maxOf(curves.flatMap((c) => c.points.map((p) => p.tokens ?? 0)));
  if (tokens && maxTok > 0 && maxTok < 1e4) warnings.push(`${baseName(t.file)}: the largest token count in '${used.tokens}' is ${maxTok}: is it log10 or in billions? (CLI: --column tokens=10^${used.tokens})`);
  return { curves, columns: used, notes, warnings };
}
