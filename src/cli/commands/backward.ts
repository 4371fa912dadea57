/**
 * `scaling-laws backward <file.backward.jsonc> [--json]` — from a cluster and a time budget to compute,
 * tokens, predicted loss, the law's own optimum, dataset use, steps, GPU-hours and memory.
 */
import type { CliCommand } from '../lib/io';
import { analyseFileForCli } from './forward';
import { formatCount, formatNum, formatPercent, formatSci } from '../../core/format';
import { cliJson } from '../lib/json';

const GB = 1e9;

export const backward: CliCommand = {
  summary: 'compute, tokens and predicted loss of a backward-scaling config',
  run(argv, io) {
    const { file, json, a } = analyseFileForCli(argv, 'backward', io);
    const b = a.backward!;
    const cfg = a.backwardConfig!;
    if (json) {
      const { arch, findings, ...rest } = b;
      io.out(cliJson({ file, ...rest, arch, warnings: findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })) }));
      return 0;
    }
    const lines = [
      `${file}`,
      `  model      N = ${formatCount(b.N)}${b.params ? ` (${b.params.total.toLocaleString('en-US')} parameters${b.params.active !== b.params.total ? `, ${formatCount(b.params.active)} active` : ''})` : ' (given)'}`,
      `  compute    C = ${cfg.gear.numGpus} × ${formatNum(b.peakFlopsPerGpu / 1e12)} TFLOP/s (${cfg.gear.gpuType} ${cfg.gear.dtype}, dense; ${b.peakSource}) × MFU ${cfg.efficiency.mfu} × uptime ${cfg.efficiency.uptime} × ${cfg.gear.hours} h = ${formatSci(b.compute)} FLOPs`,
      `  tokens     D = C / ${formatSci(b.flopsPerToken)} FLOPs/token (${b.flopsConvention === '6N' ? '6N' : 'exact, Chinchilla App. F'}) = ${formatCount(b.D)} (${formatNum(b.tokensPerParam, 3)} tokens/param)`,
      `  loss       L̂ = ${b.loss === null ? '— (law predicts no loss)' : `${formatNum(b.loss, 4)} ${b.lossUnit}`} — ${b.law.label}`,
    ];
    if (b.optimum) {
      const o = b.optimum;
      lines.push(`  optimum    for this C the law prefers N* = ${formatCount(o.N)}, D* = ${formatCount(o.D)} (${formatNum(o.tokensPerParam, 3)} tokens/param${o.loss !== null ? `, L* = ${formatNum(o.loss, 4)}` : ''}); the model is ${formatNum(b.sizeVsOptimum!, 3)}× N*${b.lawSize.convention === 'total' ? '' : ` counted as ${b.lawSize.convention} (${formatCount(b.lawSize.N)})`} (${b.sizeVsOptimum! > 1 ? 'under' : 'over'}-trained)`);
    }
    if (b.dataset.totalTokens !== undefined) {
      lines.push(`  dataset    ${formatCount(b.dataset.totalTokens)} tokens: uses ${formatPercent(b.dataset.fraction!)}, ${formatNum(b.dataset.epochs!, 3)} epochs`);
    }
    if (b.steps !== undefined) lines.push(`  steps      ${formatCount(b.steps)} at ${formatCount(b.batchSizeTokens!)} tokens/step`);
    for (const h of b.hparams) {
      lines.push(`  ${h === b.hparams[0] ? 'hparams   ' : '          '} ${h.law}: ${h.learningRate === null ? '' : `lr ${formatSci(h.learningRate, 3)}, `}${h.batchKind === 'critical' ? 'critical batch' : 'batch'} ${formatCount(h.batchTokens)} tokens${h.batchSequences === null ? '' : ` (${formatNum(h.batchSequences, 4)} × ${cfg.seqLength})`}${h.warnings.some((w) => w.code === 'hparams-extrapolation') ? ' — extrapolated' : ''}`);
    }
    lines.push(`  time       ${formatNum(b.gpuHours)} GPU-hours, ${formatNum(b.wallClockHours)} h wall-clock`);
    if (b.memory) {
      const m = b.memory;
      lines.push(`  memory     ${formatNum(m.perGpu / GB, 3)} GB per GPU (states ${formatNum((m.weights + m.gradients + m.optimizer) / GB, 3)} GB sharded over ${cfg.gear.numGpus} GPUs + activations ${formatNum(m.activations / GB, 3)} GB)${b.gpuMemoryGB ? ` of ${b.gpuMemoryGB} GB` : ''}`);
    }
    io.out(lines.join('\n'));
    return 0;
  },
};

/** `scaling-laws backward --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function backwardHelp(): string {
  return `Usage: scaling-laws backward <file.backward.jsonc> [--json]

Backward analysis (JSONC; see schemas/backward.schema.json; older backward_scaling*.jsonc accepted):
  C = GPUs × dense peak(gpu, dtype) × MFU × uptime × hours × 3600
  D = C / FLOPs-per-token (6N unless "flops_per_token": "exact")
  L̂ = L(N, D) under the config's scaling law, and the law's own optimum (N*, D*) for the same C;
plus epochs / fraction of the dataset, optimizer steps, GPU-hours and training memory per GPU.

Options:
  --json   machine-readable output: { N, flopsPerToken, compute, D, loss, memory, optimum, … }
Exit codes: 0 ok, 2 bad arguments or invalid config (file:line:column: message).`;
}
