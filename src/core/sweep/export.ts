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
 * Nothing from the config runs except the command and setup the user wrote: every placeholder value is inert
 * text (letters, digits, _ . + -; see placeholders.ts), so it is safe in any quoting context of the template;
 * free text (the name in comments) is put on one line with every Unicode line break removed; YAML values are
 * double-quoted with U+0085/U+2028/U+2029 escaped (YAML 1.1 — PyYAML, SkyPilot's parser — breaks lines there).
 */
import Papa from 'papaparse';
import { formatCount, formatSci } from '../format';
import type { MockRow } from './mock';
import type { PlannedRun, SweepPlan } from './plan';
import type { SweepConfig } from './config';
import { InputError } from '../errors';
import { oneLineText } from '../text';
import { fillTemplate, type Placeholder } from './placeholders';

export { PLACEHOLDERS, fillTemplate } from './placeholders';

export type SweepExportFormat = 'csv' | 'json' | 'slurm' | 'skypilot';
export const SWEEP_EXPORT_FORMATS: readonly SweepExportFormat[] = ['csv', 'json', 'slurm', 'skypilot'];

/** Placeholder values of one run, as the strings substituted into the command template. */
export function runPlaceholders(plan: SweepPlan, r: PlannedRun): Partial<Record<Placeholder, string>> {
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

/** Characters a POSIX shell never interprets inside a word: such values are substituted as they are. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,.\/-]+$/;

/** One shell word with the literal value `v` (POSIX single quotes; a ' becomes '\''). */
export function shellQuote(v: string): string {
  return SHELL_SAFE.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/** Free text on one script line (a comment): every kind of line break and invisible character becomes a space. */
const oneLine = oneLineText;

/**
 * A YAML double-quoted scalar that every YAML version reads back as `s`: JSON's escapes are YAML's, and the
 * characters JSON leaves raw but YAML 1.1 treats as line breaks (U+0085, U+2028, U+2029) or that are
 * invisible are written as \uXXXX escapes.
 */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

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
    // Every value is inert text (placeholders.ts): the same unquoted or inside the template's own quotes.
    const cmd = fillTemplate(template, runPlaceholders(plan, r)).trim().split('\n');
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
    `name: ${yamlString(jobName)}`,
    ...(acc ? ['resources:', `  accelerators: ${yamlString(acc)}`] : []),
    `workdir: ${yamlString(config.skypilot.workdir ?? '.')}`,
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
