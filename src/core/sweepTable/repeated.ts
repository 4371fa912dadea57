/**
 * Messy sweep tables: several runs at the same (N, D) that differ in one hyperparameter (peak learning rate,
 * seed, batch size). Fitting all of them fits the bad learning rates too; the (N, D, loss) frontier a scaling
 * law describes is the best run per (N, D) (Li, Kudugunta & Zettlemoyer 2025, "(Mis)Fitting Scaling Laws",
 * arXiv 2502.18969, whose sweep takes the minimum over peak_lr per (model, D); Hoffmann et al. 2022 likewise
 * sweep the learning-rate schedule and keep the best). Seeds are different: they measure noise, and their mean
 * is the estimate (Choshen, Zhang & Andreas 2025 report seed variance as the floor on fit error).
 *
 * Detection: rows are grouped by (N, D) (equal to 6 significant digits); in groups of several rows, the
 * varying column is a numeric column whose values tell the rows of every group apart, preferring names such
 * as lr / seed / batch, then the column with the fewest distinct values. Text columns (a data set name such
 * as c4 / oscar, a run name) are not hyperparameters and are never taken: fit those side by side instead. Default: best (lowest loss) per group, mean
 * over a seed column.
 */
import type { RunsTable, RunRow } from '../csv';
import { maxOf, minOf } from '../stats/extent';

export type KeepMode = 'best' | 'mean' | 'all';
export const KEEP_MODES: readonly KeepMode[] = ['best', 'mean', 'all'];

export interface RepeatedSummary {
  /** The column that varies within a repeated (N, D), or null when none tells the runs apart. */
  column: string | null;
  /** Number of (N, D) points with more than one run. */
  groups: number;
  kept: KeepMode;
  /** Runs (rows) before and after. */
  before: number;
  after: number;
  note: string;
}

export interface RepeatItem {
  N: number;
  D: number;
  loss: number;
  fields: Record<string, string>;
}

/**
 * (N, D) to 6 significant digits, as one number: each value's decimal exponent (0–31, 5 bits) and its 6-digit
 * mantissa (20 bits), 50 bits in all — a Map keyed by numbers, with no string per row (a million rows spent
 * 1.5 s building `toPrecision` strings). Other values (below 1, from 1e32, non-finite) take a string key instead.
 * Rounding is the nearest 6-digit mantissa, as toPrecision(6) does, up to a tie at the last ulp.
 */
function ndKey(N: number, D: number): number | string {
  const n = sig6(N);
  const d = sig6(D);
  return n >= 0 && d >= 0 ? n * 2 ** 25 + d : `${N.toPrecision(6)}|${D.toPrecision(6)}`;
}

/**
 * A value's 6 significant digits as exponent · 2^20 + mantissa (mantissa 100000–999999), or −1 unless they are
 * 1.00000 … 9.99999e31 (a value just below 1 or 1e32 that rounds up is decided by its rounded exponent, so it keys
 * as toPrecision's "1.00000" does).
 */
function sig6(x: number): number {
  if (!(x >= 0.5 && x < 1e32)) return -1;
  let e = Math.floor(Math.log10(x));
  let m = Math.round(x / 10 ** (e - 5));
  // log10 and the division are inexact near powers of ten: bring the mantissa back into 6 digits.
  if (m >= 1e6) {
    e += 1;
    m = Math.round(x / 10 ** (e - 5));
  } else if (m < 1e5) {
    e -= 1;
    m = Math.round(x / 10 ** (e - 5));
  }
  return e >= 0 && e < 32 ? e * 2 ** 20 + m : -1;
}

/** Whether any two items share (N, D) to 6 significant digits (no groups built: most tables have no repeats). */
export function hasRepeatedND(items: ReadonlyArray<{ N: number; D: number }>): boolean {
  const seen = new Set<number | string>();
  for (const x of items) {
    const k = ndKey(x.N, x.D);
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

const HINT = /(^|[^a-z])(lr|learning_rate|peak_lr|max_lr|seed|batch|batch_size|bs|wd|weight_decay|warmup)([^a-z]|$)/i;

/** Groups of indices sharing (N, D), in first-seen order. */
export function groupByND(items: readonly RepeatItem[]): number[][] {
  const m = new Map<number | string, number[]>();
  items.forEach((x, i) => {
    const k = ndKey(x.N, x.D);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(i);
  });
  return [...m.values()];
}

/** The column that tells the runs of repeated (N, D) groups apart, or null. */
export function varyingColumn(items: readonly RepeatItem[], groups: number[][]): string | null {
  const repeated = groups.filter((g) => g.length > 1);
  if (!repeated.length) return null;
  const cols = Object.keys(items[repeated[0][0]].fields);
  const numeric = (c: string) => items.every((x) => x.fields[c] === undefined || x.fields[c] === '' || Number.isFinite(Number(x.fields[c])));
  const candidates = cols.filter((c) => {
    if (!numeric(c)) return false;
    let ok = 0;
    for (const g of repeated) if (new Set(g.map((i) => items[i].fields[c])).size === g.length) ok++;
    return ok >= 0.9 * repeated.length;
  });
  if (!candidates.length) return null;
  const distinct = (c: string) => new Set(items.map((x) => x.fields[c])).size;
  candidates.sort((a, b) => Number(HINT.test(b)) - Number(HINT.test(a)) || distinct(a) - distinct(b));
  return candidates[0];
}

/**
 * Which items to keep (indices; for 'mean', the first index of each group with the group's mean loss).
 * Returns null summary when no (N, D) repeats.
 */
export function collapseRepeated(items: readonly RepeatItem[], keep?: KeepMode): { keep: Array<{ index: number; loss: number; of: number }>; summary: RepeatedSummary | null } {
  const groups = groupByND(items);
  const repeated = groups.filter((g) => g.length > 1);
  if (!repeated.length) return { keep: items.map((x, i) => ({ index: i, loss: x.loss, of: 1 })), summary: null };
  const column = varyingColumn(items, groups);
  const mode: KeepMode = keep ?? (column && /seed/i.test(column) ? 'mean' : 'best');
  const out: Array<{ index: number; loss: number; of: number }> = [];
  for (const g of groups) {
    if (mode === 'all' || g.length === 1) {
      for (const i of g) out.push({ index: i, loss: items[i].loss, of: 1 });
    } else if (mode === 'best') {
      const best = g.reduce((a, b) => (items[b].loss < items[a].loss ? b : a));
      out.push({ index: best, loss: items[best].loss, of: g.length });
    } else {
      out.push({ index: g[0], loss: g.reduce((s, i) => s + items[i].loss, 0) / g.length, of: g.length });
    }
  }
  const sizes = repeated.map((g) => g.length);
  const what = column ? `across '${column}'` : 'with no column telling the runs apart';
  const did =
    mode === 'best' ? 'kept the lowest-loss run of each' : mode === 'mean' ? 'averaged the loss of each' : 'kept every run (fitting the worse settings too)';
  const others = (KEEP_MODES.filter((m) => m !== mode) as string[]).map((m) => `--keep ${m}`).join(' or ');
  const note = `repeated (N, D): ${repeated.length} point${repeated.length === 1 ? '' : 's'} have ${minOf(sizes)}–${maxOf(sizes)} runs ${what}; ${did} (${items.length} → ${out.length} rows; switch with ${others})`;
  return { keep: out, summary: { column, groups: repeated.length, kept: mode, before: items.length, after: out.length, note } };
}

/** A run table with repeated (N, D) collapsed (see collapseRepeated); the note goes into summary.notes. */
export function collapseRunsTable(table: RunsTable, keep?: KeepMode): { table: RunsTable; repeated: RepeatedSummary | null } {
  // Rows with the same (N, D) but different unique tokens U are different runs (datablations repeats one D
  // over several U): they are never repeats of each other.
  if (table.columns.U !== undefined && new Set(table.rows.map((r) => r.U)).size > 1) return { table, repeated: null };
  if (!hasRepeatedND(table.rows)) return { table, repeated: null };
  const items: RepeatItem[] = table.rows.map((r) => ({ N: r.N, D: r.D, loss: r.loss, fields: r.extra }));
  const { keep: kept, summary } = collapseRepeated(items, keep);
  if (!summary) return { table, repeated: null };
  const rows: RunRow[] = kept.map((k) => ({ ...table.rows[k.index], loss: k.loss }));
  const keptIdx = new Set(kept.map((k) => k.index));
  const dropped = [...table.summary.dropped];
  if (summary.kept === 'best') {
    table.rows.forEach((r, i) => {
      if (!keptIdx.has(i)) dropped.push({ line: r.line, reason: `not the lowest loss at its (N, D)${summary.column ? ` (${summary.column} = ${r.extra[summary.column]})` : ''}` });
    });
  }
  return {
    table: { ...table, rows, summary: { ...table.summary, used: rows.length, dropped, notes: [...table.summary.notes, summary.note] } },
    repeated: summary,
  };
}
