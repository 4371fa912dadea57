/**
 * What the editor shows for an analysed config: the one-line code-lens summary and the hover for the
 * field under the cursor. Pure functions over a DocumentAnalysis (cached per document version by the
 * extension), so lenses and hovers cost a few string operations.
 */
import { getLocation } from 'jsonc-parser';
import { DTYPES, findGpu, GPU_TABLE_SOURCE, matchesSparseHeadline } from '../hardware';
import { getLaw, isLawId } from '../laws';
import { MFU_GUIDANCE } from '../backward/analyse';
import { formatCount, formatEpochs, formatNum, formatPercent, formatSci } from '../format';
import type { DocumentAnalysis } from './analyse';
import type { HparamResult } from '../hparams';
import { LEGACY_LAWS, type LawChoice } from '../backward/config';

const GB = 1e9;

/**
 * Which law (and constant set) L̂ comes from, in a few words: "hoffmann2022-a3, eq10-rounded
 * constants", "besiroglu2024", "inline constants".
 */
export function lawTag(law: LawChoice): string {
  if (law.id === 'custom') return 'inline constants';
  return law.constantSet ? `${law.id}, ${law.constantSet} constants` : law.id;
}

/**
 * "N 1.29B · C 1.23e21 · D 158B · L̂ 2.35 (hoffmann2022-a3, unrounded constants) · 0.253 epochs of the dataset"
 * (backward) or the arch equivalent.
 */
export function summaryLine(a: DocumentAnalysis): string | undefined {
  const errors = a.issues.filter((i) => i.severity === 'error');
  if (errors.length) return `⚠ ${errors.length} error${errors.length > 1 ? 's' : ''}: ${errors[0].message}`;
  if (a.backward) {
    const b = a.backward;
    const parts = [`N ${formatCount(b.N)}`, `C ${formatSci(b.compute)}`, `D ${formatCount(b.D)}`];
    if (b.loss !== null) parts.push(`L̂ ${formatNum(b.loss, 3)} (${lawTag(b.law)})`);
    // Step Law's peak learning rate and batch for this N and D (the hover on batch_size_tokens lists every law).
    const step = b.hparams.find((h) => h.law === 'steplaw2025');
    if (step) parts.push(`lr ${formatSci(step.learningRate!, 2)} · batch ${formatCount(step.batchTokens)} tok (steplaw2025)`);
    // Passes over the dataset, not a percentage: "2.26e+3 % of dataset" said 2,260 epochs unreadably.
    if (b.dataset.fraction !== undefined) parts.push(`${formatEpochs(b.dataset.fraction)} of the dataset`);
    return parts.join(' · ');
  }
  if (a.forward) {
    const f = a.forward;
    const parts = [`N ${formatCount(f.N)}`];
    if (f.params.active !== f.params.total) parts.push(`active ${formatCount(f.params.active)}`);
    parts.push(`non-emb ${formatCount(f.params.nonEmbedding)}`, `${formatSci(f.flops.sixN)} FLOPs/token (6N)`, `exact/6N ${formatNum(f.flops.ratio, 3)}`, `train states ${formatNum((f.memory.weights + f.memory.gradients + f.memory.optimizer) / GB, 3)} GB`);
    return parts.join(' · ');
  }
  return undefined;
}

/**
 * The budget a backward config hands to the compute-optimal planner ("Open in planner"): its compute,
 * its law (a custom-constants law has no registry id, so the planner keeps its own selection), the
 * unique tokens the law was evaluated with (0 = unlimited) and the dataset language when given.
 * Only fields the planner's input protocol knows; the extension validates it before sending.
 */
export interface PlannerPatch {
  mode: 'flops';
  compute: number;
  laws?: string[];
  uniqueTokens: number;
  language?: string;
}

export function plannerPatch(a: DocumentAnalysis): PlannerPatch | undefined {
  const b = a.backward;
  if (!b || !Number.isFinite(b.compute)) return undefined;
  const patch: PlannerPatch = { mode: 'flops', compute: b.compute, uniqueTokens: b.lawUniqueTokens ?? 0 };
  if (b.law.id !== 'custom') patch.laws = [b.law.id];
  const language = a.backwardConfig?.dataset.language;
  if (language) patch.language = language;
  return patch;
}

const ARCH_KEYS = new Set([
  'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'num_key_value_heads', 'head_dim', 'intermediate_size',
  'vocab_size', 'seq_length', 'max_position_embeddings', 'tie_word_embeddings', 'mlp_type', 'position_embedding',
  'norm_type', 'bias', 'style', 'moe', 'num_experts', 'num_experts_per_tok', 'd_model', 'n_layer', 'n_head', 'n_embd', 'ffw_size',
]);

function gpuHover(name: string): string {
  const gpu = findGpu(name);
  if (!gpu) return `**${name}**: not in the GPU table — set \`peak_flops_per_gpu\` (dense FLOP/s per GPU) or use a known name.`;
  const rows = DTYPES.filter((d) => gpu.dense[d] !== undefined).map((d) => {
    const sp = gpu.sparse[d];
    return `| ${d.toUpperCase()} | ${formatNum(gpu.dense[d]! / 1e12)} | ${sp ? formatNum(sp / 1e12) : '–'} |`;
  });
  return [
    `**${gpu.label}** — dense peak per dtype (TFLOP/s)`,
    '',
    '| dtype | dense | with 2:4 sparsity (not for MFU) |',
    '|---|---:|---:|',
    ...rows,
    '',
    `Memory: ${gpu.memoryGB ?? '–'} GB. Source: ${gpu.source}${gpu.secondary ? ' ⚠ secondary source — confirm before relying on it' : ''}.`,
    '',
    `MFU is defined against the dense peak (${GPU_TABLE_SOURCE}).`,
  ].join('\n');
}

/** Learning rate and batch per hyperparameter law, as a Markdown table (numbers and registry text only). */
function hparamsTable(rows: HparamResult[]): string {
  return [
    '| law | peak lr | batch (tokens) | sequences | steps |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((h) => `| ${h.law}${h.batchKind === 'critical' ? ' (critical, upper bound)' : ''} | ${h.learningRate === null ? '–' : formatSci(h.learningRate, 2)} | ${formatCount(h.batchTokens)} | ${h.batchSequences === null ? '–' : formatNum(h.batchSequences, 4)} | ${h.steps === null ? '–' : formatCount(h.steps)} |`),
    '',
    ...rows.map((h) => `${h.law}: ${h.citation}; N ${h.conventions.params}${h.warnings.some((w) => w.code === 'hparams-extrapolation') ? ' — ⚠ extrapolated beyond the fitted range' : ''}.`),
  ].join('\n\n').replace(/\n\n\|/g, '\n|');
}

/** Markdown hover for the field at `offset`, or undefined when there is nothing to add. */
export function hoverMarkdown(a: DocumentAnalysis, offset: number): string | undefined {
  const loc = getLocation(a.parsed.text, offset);
  const path = loc.path;
  const key = [...path].reverse().find((s): s is string => typeof s === 'string');
  if (key === undefined) return undefined;
  const b = a.backward;
  const cfg = a.backwardConfig;

  if (key === 'gpu_type' && cfg) return gpuHover(cfg.gear.gpuType);
  if (key === 'dtype' && cfg) {
    const g = findGpu(cfg.gear.gpuType);
    const peak = g?.dense[cfg.gear.dtype];
    return `**${cfg.gear.dtype.toUpperCase()}**${g ? ` on ${g.id}: ${peak ? `${formatNum(peak / 1e12)} TFLOP/s dense (${g.source})` : 'no figure in the table'}` : ''}.\n\nAccepted spellings: bf16/bfloat16, fp16/float16, fp8, tf32, fp32/float32.`;
  }
  if (key === 'peak_flops_per_gpu' && cfg?.gear.peakFlopsPerGpu !== undefined) {
    const hit = matchesSparseHeadline(cfg.gear.peakFlopsPerGpu, cfg.gear.gpuType);
    return `**${formatNum(cfg.gear.peakFlopsPerGpu / 1e12)} TFLOP/s** per GPU overrides the table.${hit ? `\n\n⚠ This equals the ${hit.gpu.id} ${hit.dtype.toUpperCase()} headline WITH sparsity; the dense peak is ${formatNum(hit.dense / 1e12)} TFLOP/s.` : ''}`;
  }
  if ((key === 'expected_mfu' || key === 'uptime') && b) {
    const head = key === 'expected_mfu' ? `**MFU ${formatPercent(cfg!.efficiency.mfu)}** of the dense peak (${formatNum(b.peakFlopsPerGpu / 1e12)} TFLOP/s).` : `**Uptime ${formatPercent(cfg!.efficiency.uptime)}**: fraction of wall-clock actually training (restarts, evaluation, checkpoints).`;
    return `${head}\n\nC = ${cfg!.gear.numGpus} GPUs × ${formatNum(b.peakFlopsPerGpu / 1e12)} TFLOP/s × ${cfg!.efficiency.mfu} MFU × ${cfg!.efficiency.uptime} uptime × ${cfg!.gear.hours} h × 3600 = **${formatSci(b.compute)} FLOPs**\n\n${MFU_GUIDANCE}`;
  }
  if ((key === 'num_gpus' || key === 'available_hours') && b) {
    return `**C = ${formatSci(b.compute)} FLOPs** from ${formatNum(b.gpuHours)} GPU-hours (${cfg!.gear.numGpus} GPUs × ${cfg!.gear.hours} h wall-clock) → D = ${formatCount(b.D)} tokens.`;
  }
  if (key === 'scaling_law' || (path[0] === 'scaling_law' && (key === 'type' || key === 'base' || key === 'id' || key === 'constant_set'))) {
    const id = cfg?.law.id;
    if (id && id !== 'custom' && isLawId(id)) {
      const law = getLaw(id);
      const legacy = cfg && LEGACY_LAWS[cfg.law.from.toLowerCase()] ? ` (older name '${cfg.law.from}')` : '';
      const set = law.constantSets?.find((c) => c.id === cfg!.law.constantSet);
      const others = law.constantSets?.filter((c) => c !== set).map((c) => `\`${c.id}\``).join(', ');
      const sets = set ? `\n\nConstant set **${set.id}**: ${set.label} — ${set.note} Others (\`constant_set\`): ${others}.` : '';
      return `**${law.name}**${legacy} — ${law.citation.authors} ${law.citation.year}, arXiv ${law.citation.arxiv}, ${law.citation.source}\n\n\`${law.form}\`${sets}\n\n${b && b.loss !== null ? `L̂ = ${formatNum(b.loss, 4)} ${b.lossUnit}` : ''}${b?.optimum ? ` · law optimum for this C: N* ${formatCount(b.optimum.N)}, D* ${formatCount(b.optimum.D)}` : ''}`;
    }
    if (cfg?.law.id === 'custom') return `**${cfg.law.label}**${b && b.loss !== null ? `\n\nL̂ = ${formatNum(b.loss, 4)}` : ''}`;
    return undefined;
  }
  if (path[0] === 'dataset' || path[0] === 'dataset_constraints') {
    if (!b) return undefined;
    const d = b.dataset;
    return `**D = ${formatCount(b.D)} tokens**${d.totalTokens !== undefined ? ` — ${formatEpochs(d.fraction!)} of the ${formatCount(d.totalTokens)}-token dataset` : ''}${d.epochs !== undefined && d.epochs !== d.fraction ? `, ${formatEpochs(d.epochs)} over the unique tokens` : ''}.`;
  }
  if ((key === 'batch_size_tokens' || key === 'sequence_length') && b) {
    const head = b.steps !== undefined ? `**${formatCount(b.steps)} optimizer steps** of ${formatCount(b.batchSizeTokens!)} tokens for D = ${formatCount(b.D)}.` : `Training sequence length ${cfg!.seqLength}: exact FLOPs/token ${b.flops ? formatSci(b.flops.exact) : '–'}.`;
    return `${head}\n\n${hparamsTable(b.hparams)}`;
  }
  if (ARCH_KEYS.has(key) || path[0] === 'architecture' || key === 'parameters') {
    const params = a.forward?.params ?? b?.params;
    const flops = a.forward?.flops ?? b?.flops;
    if (!params) return b ? `**N = ${formatCount(b.N)}** (given as a count).` : undefined;
    const rows = [
      ['embeddings', params.embeddings], ['positions', params.positions], ['attention', params.attention],
      ['MLP', params.mlp], ['norms', params.norms], ['output head', params.output],
    ].filter(([, v]) => (v as number) > 0).map(([k, v]) => `| ${k} | ${(v as number).toLocaleString('en-US')} |`);
    return [
      `**N = ${formatCount(params.total)}** (${params.total.toLocaleString('en-US')} parameters${params.active !== params.total ? `; ${formatCount(params.active)} active per token` : ''})`,
      '',
      '| component | parameters |',
      '|---|---:|',
      ...rows,
      '',
      flops ? `FLOPs/token (training): 6N = ${formatSci(flops.sixN)}, exact (Chinchilla App. F, incl. attention and logits) = ${formatSci(flops.exact)}, ratio ${formatNum(flops.ratio, 3)}` : '',
    ].join('\n');
  }
  return undefined;
}
