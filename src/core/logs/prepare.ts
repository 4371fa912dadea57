/**
 * Learning curves → the rows a fit uses, as Choshen, Zhang & Andreas 2025 (A Hitchhiker's Guide to Scaling Law
 * Estimation, arXiv 2410.11840) recommend: fit on intermediate checkpoints, not only final losses; drop the
 * beginning of each run (their guide: the first ~10 % of training; their code, IBM/ColPret
 * util/fit_utils.py, cuts checkpoints before `cut_beginning = 10**8` tokens); and count each run once, not
 * once per checkpoint, so a densely logged run does not outvote the others.
 *
 * Steps:
 *  1. the learning-rate schedule per run (schedule.ts): warm-up points (before the lr peak) are dropped; a
 *     decaying schedule is kept with a warning or cut to the final checkpoint (onDecay: 'final'); WSD keeps
 *     the stable phase and the final checkpoint;
 *  2. points below `dropWarmup` × the run's final tokens are dropped (default 0.1);
 *  3. repeated runs at the same (N, final tokens) differing in peak lr / seed / batch are collapsed
 *     (sweepTable/repeated.ts) before fitting;
 *  4. equal weight per run. The fit engine's objective already takes per-row weights (bootstrap), but its
 *     public options do not yet; until they do, each curve is resampled to the same number K of points evenly
 *     spaced in log tokens (linear interpolation of ln loss against ln tokens between logged checkpoints), so
 *     every run contributes K rows. `weights` (1/points per run, scaled to mean 1) is returned for the logged
 *     points, for an engine that honours it. The output says which was used.
 */
import type { RunRow, RunsTable } from '../csv';
import { collapseRepeated, type KeepMode, type RepeatedSummary } from '../sweepTable/repeated';
import { detectSchedule, type Schedule } from './schedule';
import type { Checkpoint, RunCurve } from './types';
import { FitRefusal } from '../fit';
import type { LogRunInfo } from '../fit/workerProtocol';
import { baseName } from './csvLog';
import { DEFAULT_DROP_WARMUP } from '../fit/defaults';

export const MAX_POINTS_PER_RUN = 16;

export interface PrepareOptions {
  /** Fraction of each run's final tokens below which checkpoints are dropped (default 0.1). */
  dropWarmup?: number;
  /** Override the detected schedule for every run (default 'auto': from the logged lr). */
  schedule?: 'auto' | Exclude<Schedule, 'unknown'>;
  /** What to do with a run whose lr decays to the end: keep with a warning (default) or its final checkpoint only. */
  onDecay?: 'warn' | 'final';
  /** Repeated runs at the same (N, final tokens). */
  keep?: KeepMode;
  /** Points per run after resampling (default: the median kept count, at most 16). */
  pointsPerRun?: number;
}

/** One run after preparation (the worker's LogRunInfo without the planned tokens, which load.ts reads). */
export interface PreparedRun extends Omit<LogRunInfo, 'schedule' | 'plannedTokens' | 'plannedHow'> {
  schedule: Schedule;
  scheduleEvidence: string;
}

export interface PreparedCurves {
  table: RunsTable;
  runs: PreparedRun[];
  /** How runs were weighted equally. */
  weighting: { method: 'resampled'; pointsPerRun: number; note: string };
  /** Per logged point kept (before resampling): 1/(points of its run), scaled to mean 1. */
  weights: Array<{ run: string; tokens: number; loss: number; weight: number }>;
  repeated: RepeatedSummary | null;
  dropWarmup: number;
}

const tokensOf = (p: Checkpoint) => p.tokens!;

/** ln-loss at ln-token x, linearly interpolated between the run's points (sorted by tokens). */
function interpolate(points: Checkpoint[], lnD: number): number {
  const xs = points.map((p) => Math.log(tokensOf(p)));
  if (lnD <= xs[0]) return Math.log(points[0].loss);
  for (let i = 1; i < xs.length; i++) {
    if (lnD <= xs[i]) {
      const t = xs[i] === xs[i - 1] ? 1 : (lnD - xs[i - 1]) / (xs[i] - xs[i - 1]);
      return (1 - t) * Math.log(points[i - 1].loss) + t * Math.log(points[i].loss);
    }
  }
  return Math.log(points[points.length - 1].loss);
}

/** K points evenly spaced in log tokens over the run's kept range (K copies of a single point). */
export function resampleLogTokens(points: Checkpoint[], K: number): Array<{ tokens: number; loss: number; line: number }> {
  const a = Math.log(tokensOf(points[0]));
  const b = Math.log(tokensOf(points[points.length - 1]));
  const out: Array<{ tokens: number; loss: number; line: number }> = [];
  for (let k = 0; k < K; k++) {
    const x = K === 1 ? b : a + ((b - a) * k) / (K - 1);
    const nearest = points.reduce((best, p) => (Math.abs(Math.log(tokensOf(p)) - x) < Math.abs(Math.log(tokensOf(best)) - x) ? p : best));
    out.push({ tokens: Math.exp(x), loss: Math.exp(interpolate(points, x)), line: nearest.line });
  }
  return out;
}

export function prepareCurves(curves: readonly RunCurve[], opts: PrepareOptions = {}): PreparedCurves {
  const frac = opts.dropWarmup ?? DEFAULT_DROP_WARMUP;
  if (!(frac >= 0 && frac < 1)) throw new FitRefusal('bad-option', `dropWarmup must be in [0, 1), got ${frac}`);
  const notes: string[] = [];
  const warnings: string[] = [];
  if (!curves.length) throw new FitRefusal('too-few-rows', 'no runs in the logs');

  // N and tokens must be known.
  const noN = curves.filter((c) => c.N === null);
  if (noN.length) {
    const list = noN.slice(0, 5).map((c) => `'${c.run}' (${c.nSource})`).join(', ');
    throw new FitRefusal('missing-column', `N (parameters) unknown for ${noN.length} run${noN.length === 1 ? '' : 's'}: ${list}${noN.length > 5 ? ', …' : ''}. Give it with an N column, a size in the run name (125M, 1.3B), a size table (CLI: --sizes name=N,…) or a sidecar <log>.json {"n_params": …}`);
  }
  const noTokens = curves.filter((c) => c.points.some((p) => p.tokens === null));
  if (noTokens.length) {
    throw new FitRefusal('missing-column', `run '${noTokens[0].run}' logs steps but no tokens, and no tokens per step was found in its config: give it (CLI: --tokens-per-step T, or --batch-size B --seq-len S)`);
  }

  const runs: PreparedRun[] = [];
  const keptPoints: Checkpoint[][] = [];
  const counts = { warmup: 0, early: 0, decay: 0, wsd: 0 };
  const bySchedule: Record<Schedule, string[]> = { constant: [], wsd: [], decay: [], unknown: [] };
  for (const c of curves) {
    const pts = c.points.filter((p) => p.tokens! > 0);
    if (!pts.length) throw new FitRefusal('too-few-rows', `run '${c.run}' (${baseName(c.file)}) has no checkpoint with tokens > 0`);
    const info = detectSchedule(pts);
    const schedule: Schedule = opts.schedule && opts.schedule !== 'auto' ? opts.schedule : info.schedule;
    bySchedule[schedule].push(c.run);
    const last = pts[pts.length - 1];
    let kept = pts.filter((p, i) => {
      if (info.peakIndex > 0 && i < info.peakIndex) return (counts.warmup++, false);
      if (p.tokens! < frac * last.tokens! && p !== last) return (counts.early++, false);
      return true;
    });
    if (schedule === 'decay' && opts.onDecay === 'final') {
      counts.decay += kept.length - 1;
      kept = [last];
    } else if (schedule === 'wsd' && info.decayStart > 0) {
      const before = kept.length;
      kept = kept.filter((p) => pts.indexOf(p) < info.decayStart || p === last);
      counts.wsd += before - kept.length;
    }
    keptPoints.push(kept);
    runs.push({ run: c.run, file: c.file, N: c.N!, nSource: c.nSource, logged: c.points.length, kept: kept.length, finalTokens: last.tokens!, finalLoss: last.loss, schedule, scheduleEvidence: info.evidence });
  }
  notes.push(`curves: ${curves.length} run${curves.length === 1 ? '' : 's'}, ${runs.reduce((s, r) => s + r.logged, 0)} logged points; dropped ${counts.early} below ${frac} × each run's final tokens (--drop-warmup; Choshen et al. 2025 drop the start of training)${counts.warmup ? ` and ${counts.warmup} before the learning-rate peak (warm-up)` : ''}`);
  if (bySchedule.decay.length) {
    const list = bySchedule.decay.slice(0, 4).join(', ') + (bySchedule.decay.length > 4 ? ', …' : '');
    if (opts.onDecay === 'final') notes.push(`${bySchedule.decay.length} run${bySchedule.decay.length === 1 ? '' : 's'} with a decaying learning rate (${list}): final checkpoint only (${counts.decay} intermediate checkpoints dropped)`);
    else warnings.push(`${bySchedule.decay.length} run${bySchedule.decay.length === 1 ? '' : 's'} decay the learning rate to the end (cosine/linear; ${list}${opts.schedule === 'decay' ? ', as given' : `: ${runs.find((r) => r.schedule === 'decay')!.scheduleEvidence}`}): their intermediate checkpoints sit above the loss runs of those lengths would reach, which biases the D term; fit final checkpoints only with --final-only`);
  }
  if (bySchedule.wsd.length) notes.push(`${bySchedule.wsd.length} run${bySchedule.wsd.length === 1 ? '' : 's'} warmup-stable-decay: stable-phase checkpoints and the final one kept, ${counts.wsd} mid-decay checkpoints dropped`);
  if (bySchedule.unknown.length) {
    warnings.push(`no learning rate logged for ${bySchedule.unknown.length} run${bySchedule.unknown.length === 1 ? '' : 's'}: intermediate checkpoints are used as if the schedule were constant (or WSD before its decay); if it decays to the end (cosine, linear), say so with --schedule decay`);
  }

  // Repeated runs at the same (N, final tokens): collapse across peak lr / seed / batch.
  const items = runs.map((r, i) => ({ N: r.N, D: r.finalTokens, loss: r.finalLoss, fields: curves[i].constants }));
  const { keep, summary: repeated } = collapseRepeated(items, opts.keep);
  if (repeated) notes.push(repeated.note.replace('rows', 'runs'));
  const meanOf = new Map(keep.filter((k) => k.of > 1 && repeated?.kept === 'mean').map((k) => [k.index, k]));
  // For 'mean' (seeds), each kept run stands for its group: the group's resampled curves are averaged in log loss.
  const chosen = keep.map((k) => k.index);

  // Equal weight per run: resample each kept curve to K points evenly spaced in log tokens.
  const counted = chosen.map((i) => keptPoints[i].length).sort((a, b) => a - b);
  const K = opts.pointsPerRun ?? Math.max(1, Math.min(MAX_POINTS_PER_RUN, counted[Math.floor(counted.length / 2)]));
  const rows: RunRow[] = [];
  const groupsByKey = new Map<number, number[]>();
  if (repeated?.kept === 'mean') {
    const key = (i: number) => `${runs[i].N.toPrecision(6)}|${runs[i].finalTokens.toPrecision(6)}`;
    const byKey = new Map<string, number[]>();
    runs.forEach((_, i) => {
      const k = key(i);
      if (!byKey.has(k)) byKey.set(k, []);
      byKey.get(k)!.push(i);
    });
    for (const i of chosen) groupsByKey.set(i, byKey.get(key(i))!);
  }
  for (const i of chosen) {
    const members = meanOf.has(i) ? groupsByKey.get(i)! : [i];
    const samples = members.map((m) => resampleLogTokens(keptPoints[m], K));
    for (let k = 0; k < K; k++) {
      const loss = Math.exp(samples.reduce((s, smp) => s + Math.log(smp[k].loss), 0) / samples.length);
      rows.push({ N: runs[i].N, D: samples[0][k].tokens, loss, line: samples[0][k].line, extra: { run: runs[i].run, file: baseName(runs[i].file) } });
    }
  }
  const weighting = {
    method: 'resampled' as const,
    pointsPerRun: K,
    note: `equal weight per run: each run's kept checkpoints resampled to ${K} point${K === 1 ? '' : 's'} evenly spaced in log tokens (the fit engine takes no per-row weights yet)`,
  };
  notes.push(weighting.note);
  const nRuns = new Set(chosen.map((i) => runs[i].N)).size;
  if (nRuns < 3) warnings.push(`only ${nRuns} distinct model size${nRuns === 1 ? '' : 's'} (N): the N exponent is poorly determined (Choshen et al. 2025 suggest about 5 models at least)`);

  const weights = chosen.flatMap((i) => keptPoints[i].map((p) => ({ run: runs[i].run, tokens: p.tokens!, loss: p.loss, weight: 1 / keptPoints[i].length })));
  const mean = weights.reduce((s, w) => s + w.weight, 0) / Math.max(1, weights.length);
  for (const w of weights) w.weight /= mean;

  const table: RunsTable = {
    columns: { N: 'N (per run)', D: 'tokens (per checkpoint)', loss: 'loss' },
    rows,
    summary: { read: runs.reduce((s, r) => s + r.logged, 0), used: rows.length, dropped: [], notes: [...notes, ...warnings.map((w) => `warning: ${w}`)] },
    headers: ['N', 'tokens', 'loss', 'run', 'file'],
    meta: { fileName: curves.length === 1 ? curves[0].file : `${curves.length} runs`, delimiter: ',', linebreak: '\n' },
  };
  return { table, runs, weighting, weights, repeated, dropWarmup: frac };
}
