/** `scaling-laws plan <sweep.jsonc>` — plan an IsoFLOP sweep and export it (table, CSV, JSON, SLURM, SkyPilot). */
import { formatTable, get, parseArgs } from '../lib/args';
import { InputError } from '../../core/errors';
import { readInputFile, MAX_CONFIG_BYTES } from '../lib/files';
import type { CliCommand, CliIO } from '../lib/io';
import { formatCount, formatSci } from '../../core/format';
import { DEFAULT_PLAN_DEPS, SWEEP_EXPORT_FORMATS, PLACEHOLDERS, exportPlan, parseSweepConfig, planSweep, type SweepExportFormat, type SweepConfig, type SweepPlan } from '../../core/sweep';

/** Parse and plan a sweep config file (shared by plan and mock). */
export function planFromFile(path: string): { config: SweepConfig; plan: SweepPlan } {
  const config = parseSweepConfig(readInputFile(path, 'sweep config', MAX_CONFIG_BYTES), path);
  return { config, plan: planSweep(config, DEFAULT_PLAN_DEPS) };
}

export function printPlanWarnings(plan: SweepPlan, write: (s: string) => void): void {
  for (const w of plan.warnings) write(`warning [${w.code}]: ${w.message}`);
}

function planTable(plan: SweepPlan): string {
  const rows = plan.runs.map((r) => [
    r.id,
    formatSci(r.budget),
    formatCount(r.N),
    `${r.arch.num_hidden_layers}×${r.arch.hidden_size} h${r.arch.num_attention_heads} ff${r.arch.intermediate_size}`,
    formatCount(r.D),
    String(r.steps),
    String(r.batchSize),
    ...(plan.hparamsLaw ? [r.learningRate !== undefined ? formatSci(r.learningRate) : '–'] : []),
    String(r.warmupSteps),
    r.gpuHours !== undefined ? formatCount(r.gpuHours) : '–',
  ]);
  const t = plan.totals;
  const lines = [
    `IsoFLOP sweep "${plan.name}": ${t.runs} runs over ${plan.budgets.length} budgets, grid centred on ${plan.law}` +
      (plan.hparamsLaw ? `; batch and peak learning rate per run from ${plan.hparamsLaw}` : ''),
    '',
    formatTable(['run', 'budget', 'N', 'shape (L×d heads ffn)', 'D', 'steps', 'batch (seqs)', ...(plan.hparamsLaw ? ['lr'] : []), 'warmup', 'GPU-h'], rows),
    '',
    `total compute ${formatSci(t.compute)} FLOPs` +
      (t.gpuHours !== undefined ? `; ≈ ${formatCount(t.gpuHours)} GPU-hours on ${t.gpu} at ${Math.round(t.mfu! * 100)} % MFU (dense peak ${formatSci(t.peakFlopsPerGpu!)} FLOP/s)` : ''),
  ];
  if (plan.rehearsal) {
    lines.push(
      `noise-free rehearsal: Approach 2 on ${plan.law}'s own losses recovers a = ${plan.rehearsal.a.toFixed(3)} (law ${plan.rehearsal.aLaw.toFixed(3)}), N* ${(plan.rehearsal.nBias * 100).toFixed(1)} % from the law's optimum`,
    );
  }
  return lines.join('\n');
}

export const planCommand: CliCommand = {
  summary: 'plan an IsoFLOP sweep from a sweep config; export CSV, JSON, SLURM or SkyPilot',
  run(argv: string[], io: CliIO): number {
    const p = parseArgs(argv, { format: 'string' }, 1);
    const file = p.positionals[0];
    if (!file) throw new InputError('missing the sweep config file (scaling-laws plan <sweep.jsonc>)');
    const format = get.str(p, 'format') ?? 'table';
    if (format !== 'table' && !(SWEEP_EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new InputError(`--format must be one of: table, ${SWEEP_EXPORT_FORMATS.join(', ')}; got '${format}'`);
    }
    const { config, plan } = planFromFile(file);
    if (format === 'table') {
      io.out(planTable(plan));
      printPlanWarnings(plan, io.out);
      return 0;
    }
    io.out(exportPlan(plan, config, format as SweepExportFormat).replace(/\n$/, ''));
    printPlanWarnings(plan, io.err);
    return 0;
  },
};

/** `scaling-laws plan --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function planHelp(): string {
  return `Usage: scaling-laws plan <sweep.jsonc> [--format table|csv|json|slurm|skypilot]

Plans an IsoFLOP sweep (Chinchilla Approach 2): for each budget, models log-spaced around the optimum
predicted by the config's "law", each a real shape (layers, width, heads, MLP) within "shapeTolerance"
of its target N, trained on D = C/(6N) tokens rounded to whole steps of batchSize × seqLen tokens — or, with
"hparamsLaw" (steplaw2025, deepseek2024), each run's own batch and peak learning rate from that law.

  --format table     human-readable run table, totals and warnings (default)
  --format csv       the run table as CSV          --format json   the run table and totals as JSON
  --format slurm     a SLURM job-array script (one array task per run; sbatch it)
  --format skypilot  a SkyPilot task YAML (one managed job per run via RUN_INDEX)

The config's "command" is your training command; these placeholders are filled per run:
  ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}

Warnings (on stderr for machine formats) flag grids the parabola method handles badly: too narrow,
too wide, off-centre, too few points per budget or budgets.`;
}
