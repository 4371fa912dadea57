/**
 * Training logs from bytes, the same for the CLI (files read with node:fs, src/cli/lib/logFiles.ts) and the
 * extension (files read with vscode.workspace.fs, parsed and fitted in the fit worker): each file is read by
 * its format's reader, a sidecar `<log>.json` (e.g. {"n_params": 1.3e9, "batch_size": 512, "seq_len": 2048})
 * is merged into its config, and the curves of all files form one set. Runs with the same name in different
 * files get the file name appended, so no two runs are silently merged.
 */
import { baseName } from './csvLog';
import { curvesFromTable, tokensPerStepFromConfig, type CurveOptions, type CurveSet } from './curves';
import { LogError } from './errors';
import { sidecarPath } from './format';
import { readLog } from './index';
import type { LogTable } from './types';
import { normaliseHeader } from '../csv/columns';

export { sidecarPath };

export interface LogFileBytes {
  file: string;
  bytes: Uint8Array;
  /** The sidecar's text when one exists beside the log. */
  sidecar?: { file: string; text: string };
}

export interface LoadedCurves extends CurveSet {
  files: string[];
  /** Every header seen, in first-seen order (the panel's column pickers offer these). */
  headers: string[];
  /** Per run: the planned final tokens from its config (total tokens, or max steps × tokens per step). */
  planned: Record<string, { tokens: number; how: string }>;
}

function parseSidecar(s: { file: string; text: string }): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(s.text);
  } catch (e) {
    throw new LogError(s.file, 1, 1, `sidecar is not valid JSON (${(e as Error).message}): expected e.g. {"n_params": 1.3e9}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new LogError(s.file, 1, 1, 'sidecar must be a JSON object, e.g. {"n_params": 1.3e9}');
  return v as Record<string, unknown>;
}

const TOTAL_TOKENS = ['total_tokens', 'train_tokens', 'max_tokens', 'num_tokens', 'training_tokens', 'token_budget'];
const TOTAL_STEPS = ['max_steps', 'total_steps', 'train_iters', 'max_iters', 'num_steps', 'train_steps'];

/** A run's planned final tokens from its log's config: a total-token key, else max steps × tokens per step. */
export function plannedTokensFromConfig(config: Record<string, unknown>): { tokens: number; how: string } | null {
  const get = (keys: string[]) => {
    for (const [k, v] of Object.entries(config)) if (keys.includes(normaliseHeader(k)) && typeof v === 'number' && v > 0 && Number.isFinite(v)) return [k, v] as const;
    return null;
  };
  const total = get(TOTAL_TOKENS);
  if (total) return { tokens: total[1], how: `config ${total[0]} = ${total[1]}` };
  const steps = get(TOTAL_STEPS);
  const tps = tokensPerStepFromConfig(config);
  if (steps && tps) return { tokens: steps[1] * tps.value, how: `config ${steps[0]} ${steps[1]} × ${tps.how}` };
  return null;
}

/** Read every log and merge their curves (see the file comment). */
export function curvesFromFiles(files: readonly LogFileBytes[], opts: CurveOptions & { maxRows?: number } = {}): LoadedCurves {
  const merged: LoadedCurves = { curves: [], columns: {}, notes: [], warnings: [], files: files.map((f) => f.file), headers: [], planned: {} };
  const seen = new Set<string>();
  for (const f of files) {
    const t: LogTable = readLog(f.bytes, f.file, { maxRows: opts.maxRows });
    if (f.sidecar) {
      t.config = { ...t.config, ...parseSidecar(f.sidecar) };
      t.notes.push(`sidecar ${baseName(f.sidecar.file)} read`);
    }
    for (const h of t.headers) if (!seen.has(h)) (seen.add(h), merged.headers.push(h));
    const s = curvesFromTable(t, opts);
    const planned = plannedTokensFromConfig(t.config);
    if (planned) for (const c of s.curves) merged.planned[`${c.file}\u0000${c.run}`] = planned;
    merged.curves.push(...s.curves);
    merged.notes.push(...s.notes);
    merged.warnings.push(...s.warnings);
    for (const [k, v] of Object.entries(s.columns)) {
      const role = k as keyof CurveSet['columns'];
      if (merged.columns[role] === undefined) merged.columns[role] = v;
      else if (merged.columns[role] !== v && !merged.columns[role]!.split(' | ').includes(v)) merged.columns[role] += ` | ${v}`;
    }
  }
  const names = new Map<string, number>();
  for (const c of merged.curves) names.set(c.run, (names.get(c.run) ?? 0) + 1);
  const planned: LoadedCurves['planned'] = {};
  for (const c of merged.curves) {
    const p = merged.planned[`${c.file}\u0000${c.run}`];
    if (names.get(c.run)! > 1) c.run = `${c.run} (${baseName(c.file)})`;
    if (p) planned[c.run] = p;
  }
  merged.planned = planned;
  return merged;
}
