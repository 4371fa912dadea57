/**
 * Handing a planned sweep to existing tools: the run table as CSV/JSON, a SLURM job-array script
 * (one array task per run, `sbatch sweep.slurm`) and a SkyPilot task YAML (one managed job per run,
 * selected by the RUN_INDEX env var). We generate launch files for schedulers people already run; we
 * do not schedule anything ourselves.
 *
 * The user's training command is a template; each run fills these placeholders:
 *   {run_id} {index} {name} {budget} {compute} {params} {target_params} {tokens} {steps}
 *   {batch_size} {tokens_per_step} {seq_len} {layers} {width} {d_model} {heads} {kv_heads}
 *   {head_dim} {ffn} {vocab} {warmup_steps} {lr}
 * ({lr} needs the config's "hparamsLaw"; {batch_size} is then each run's own batch from that law.)
 * An unknown placeholder is an error (a typo must not reach the cluster as a literal "{lyers}").
 * In the scripts every value is shell-quoted unless it is made of characters the shell never interprets,
 * so a config value (the sweep "name" is free text) can never run as a command.
 */
import Papa from 'papaparse';
import { formatCount, formatSci } from '../format';
import type { MockRow } from './mock';
import type { PlannedRun, SweepPlan } from './plan';
import type { SweepConfig } from './config';
import { InputError } from '../errors';

export type SweepExportFormat = 'csv' | 'json' | 'slurm' | 'skypilot';
export const SWEEP_EXPORT_FORMATS: readonly SweepExportFormat[] = ['csv', 'json', 'slurm', 'skypilot'];

/** Placeholder values of one run, as the strings substituted into the command template. */
export function runPlaceholders(plan: SweepPlan, r: PlannedRun): Record<string, string> {
  const a = r.arch;
  return {
    run_id: r.id,
    index: String(r.index),
    name: plan.name,
    budget: String(r.budget),
    compute: r.compute.toExponential(6),
    params: String(Math.round(r.N)),
    target_params: String(Math.round(r.targetN)),
    tokens: String(r.D),
    steps: String(r.steps),
    batch_size: String(r.batchSize),
    tokens_per_step: String(r.tokensPerStep),
    seq_len: String(a.seq_length),
    layers: String(a.num_hidden_layers),
    width: String(a.hidden_size),
    d_model: String(a.hidden_size),
    heads: String(a.num_attention_heads),
    kv_heads: String(a.num_key_value_heads),
    head_dim: String(a.head_dim),
    ffn: String(a.intermediate_size),
    vocab: String(a.vocab_size),
    warmup_steps: String(r.warmupSteps),
    ...(r.learningRate !== undefined ? { lr: r.learningRate.toPrecision(4) } : {}),
  };
}

export const PLACEHOLDERS = [
  'run_id', 'index', 'name', 'budget', 'compute', 'params', 'target_params', 'tokens', 'steps', 'batch_size',
  'tokens_per_step', 'seq_len', 'layers', 'width', 'd_model', 'heads', 'kv_heads', 'head_dim', 'ffn', 'vocab',
  'warmup_steps', 'lr',
] as const;

/** Fill `{placeholder}`s; unknown names throw with the list of known ones. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new InputError(`unknown placeholder {${key}} in "command" (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`);
    return v;
  });
}

/** Characters a POSIX shell never interprets inside a word: such values are substituted as they are. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,.\/-]+$/;

/** One shell word with the literal value `v` (POSIX single quotes; a ' becomes '\''). */
export function shellQuote(v: string): string {
  return SHELL_SAFE.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/** Free text on one script line (a comment): line breaks and other control characters become spaces. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ');

/** The run table, one row per run (also what `plan --format csv` prints). */
export function planRows(plan: SweepPlan): Array<Record<string, string | number>> {
  return plan.runs.map((r) => ({
    run_id: r.id,
    budget: r.budget,
    compute: Number(r.compute.toPrecision(6)),
    N: Math.round(r.N),
    target_N: Math.round(r.targetN),
    D: r.D,
    steps: r.steps,
    batch_size: r.batchSize,
    tokens_per_step: r.tokensPerStep,
    warmup_steps: r.warmupSteps,
    ...(r.learningRate !== undefined ? { lr: Number(r.learningRate.toPrecision(4)) } : {}),
    layers: r.arch.num_hidden_layers,
    hidden_size: r.arch.hidden_size,
    heads: r.arch.num_attention_heads,
    kv_heads: r.arch.num_key_value_heads,
    ffn: r.arch.intermediate_size,
    vocab: r.arch.vocab_size,
    seq_len: r.arch.seq_length,
    ...(r.gpuHours !== undefined ? { gpu_hours: Number(r.gpuHours.toPrecision(4)) } : {}),
  }));
}

export function planToCsv(plan: SweepPlan): string {
  return Papa.unparse(planRows(plan), { newline: '\n' }) + '\n';
}

export function planToJson(plan: SweepPlan): string {
  return JSON.stringify({ name: plan.name, law: plan.law, ...(plan.hparamsLaw ? { hparamsLaw: plan.hparamsLaw } : {}), totals: plan.totals, warnings: plan.warnings, runs: planRows(plan) }, null, 2) + '\n';
}

export function mockToCsv(rows: readonly MockRow[]): string {
  return Papa.unparse(rows.map((r) => ({ ...r, N: Math.round(r.N), compute: Number(r.compute.toPrecision(8)), loss: Number(r.loss.toFixed(6)) })), { newline: '\n' }) + '\n';
}

function requireCommand(config: SweepConfig): string {
  if (!config.command) {
    throw new InputError('set "command" in the sweep config: the training command template, e.g. "python train.py --layers {layers} --d-model {width} --steps {steps}"');
  }
  return config.command;
}

/** `case "$VAR" in 0) … ;; esac` running the filled command of each run. */
function caseBlock(plan: SweepPlan, template: string, variable: string, indent: string): string {
  const lines = [`${indent}case "${variable}" in`];
  for (const r of plan.runs) {
    const values = Object.fromEntries(Object.entries(runPlaceholders(plan, r)).map(([k, v]) => [k, shellQuote(v)]));
    const cmd = fillTemplate(template, values).trim().split('\n');
    lines.push(`${indent}  ${r.index}) # ${r.id}: ${formatCount(r.N)} params, ${formatCount(r.D)} tokens, budget ${formatSci(r.budget)} FLOPs`);
    for (const c of cmd) lines.push(`${indent}    ${c}`);
    lines.push(`${indent}    ;;`);
  }
  lines.push(`${indent}  *) echo "no run with index ${variable}" >&2; exit 1 ;;`, `${indent}esac`);
  return lines.join('\n');
}

function header(plan: SweepPlan, prefix: string): string[] {
  const t = plan.totals;
  return [
    `${prefix}IsoFLOP sweep "${oneLine(plan.name)}": ${t.runs} runs over ${plan.budgets.length} budgets, grid centred on ${plan.law}`,
    `${prefix}total compute ${formatSci(t.compute)} FLOPs` +
      (t.gpuHours !== undefined ? `, ≈ ${formatCount(t.gpuHours)} GPU-hours on ${oneLine(t.gpu ?? '')} at ${Math.round(t.mfu! * 100)} % MFU` : ''),
    `${prefix}generated by scaling-laws plan. This script writes no results: give each run's training log a name holding its run id`,
    `${prefix}(e.g. --run-name {name}-{run_id}), then 'scaling-laws isoflop <sweep.jsonc> --logs <folder>' takes each run's final loss from its log`,
  ];
}

export function planToSlurm(plan: SweepPlan, config: SweepConfig): string {
  const template = requireCommand(config);
  const s = config.slurm;
  return [
    '#!/bin/bash',
    ...header(plan, '# '),
    `#SBATCH --job-name=${plan.name.replace(/[^A-Za-z0-9_.-]/g, '_')}`,
    `#SBATCH --array=0-${plan.runs.length - 1}`,
    '#SBATCH --nodes=1',
    `#SBATCH --gres=gpu:${config.gpusPerRun}`,
    // In the submit directory: sbatch does not create a missing directory, and every task would then fail.
    '#SBATCH --output=%x-%A_%a.out',
    ...(s.partition ? [`#SBATCH --partition=${s.partition}`] : []),
    ...(s.time ? [`#SBATCH --time=${s.time}`] : []),
    ...(s.account ? [`#SBATCH --account=${s.account}`] : []),
    ...s.extra.map((e) => (e.startsWith('#SBATCH') ? e : `#SBATCH ${e}`)),
    'set -euo pipefail',
    caseBlock(plan, template, '${SLURM_ARRAY_TASK_ID:?submit with sbatch}', ''),
    '',
  ].join('\n');
}

/** SkyPilot accelerator name for a GPU table id ("H100-SXM" → "H100"). */
function skyAccelerator(config: SweepConfig): string | undefined {
  if (config.skypilot.accelerators) return config.skypilot.accelerators;
  if (!config.gpu) return undefined;
  return `${config.gpu.replace(/-(SXM\d?|HGX)$/i, '')}:${config.gpusPerRun}`;
}

export function planToSkypilot(plan: SweepPlan, config: SweepConfig, fileName = 'sweep.sky.yaml'): string {
  const template = requireCommand(config);
  const acc = skyAccelerator(config);
  const block = (text: string) => text.split('\n').map((l) => `  ${l}`).join('\n');
  const jobName = plan.name.replace(/[^A-Za-z0-9-]/g, '-').toLowerCase();
  return [
    ...header(plan, '# '),
    '# Launch one managed job per run:',
    `#   for i in $(seq 0 ${plan.runs.length - 1}); do sky jobs launch -y -d -n ${jobName}-$i --env RUN_INDEX=$i ${oneLine(shellQuote(fileName))}; done`,
    `name: ${JSON.stringify(jobName)}`,
    ...(acc ? ['resources:', `  accelerators: ${JSON.stringify(acc)}`] : []),
    `workdir: ${JSON.stringify(config.skypilot.workdir ?? '.')}`,
    'envs:',
    '  RUN_INDEX: 0',
    // |2: explicit indentation, so a setup script whose first line is indented stays valid YAML.
    ...(config.skypilot.setup ? ['setup: |2', block(config.skypilot.setup)] : []),
    'run: |',
    block(['set -euo pipefail', caseBlock(plan, template, '$RUN_INDEX', '')].join('\n')),
    '',
  ].join('\n');
}

/** `fileName`: what the exported file will be called (the SkyPilot launch loop names it). */
export function exportPlan(plan: SweepPlan, config: SweepConfig, format: SweepExportFormat, fileName?: string): string {
  switch (format) {
    case 'csv':
      return planToCsv(plan);
    case 'json':
      return planToJson(plan);
    case 'slurm':
      return planToSlurm(plan, config);
    case 'skypilot':
      return planToSkypilot(plan, config, fileName);
  }
}
