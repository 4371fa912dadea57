/**
 * What the editor shows on a model config (config.json, nanoGPT .py, Megatron .sh): the one-line code
 * lens, the per-law token list, and the hover for a size key. Pure string building over a ModelReport,
 * so it is unit-tested and the editor only places it.
 */
import { formatCount, formatNum, formatSci } from '../format';
import type { ModelRead } from '../arch';
import type { ModelReport } from './report';

const GB = 1e9;

/** The law whose row the lens shows (Chinchilla Approach 3, the registry's reference fit). */
export const LENS_LAW = 'hoffmann2022-a3';

/** "N 6.74B · 4.04e10 FLOPs/token (seq 2048, assumed) · train states 108 GB · hoffmann2022-a3: D* 283B (42 tok/param), L̂ 2.106" */
export function modelLensLine(read: ModelRead, r: ModelReport): string {
  const p = r.params;
  const parts = [`N ${formatCount(p.total)}`];
  if (p.active !== p.total) parts.push(`active ${formatCount(p.active)}`);
  parts.push(`${formatSci(r.flops.sixN)} FLOPs/token (6N; seq ${read.arch.seq_length}${read.seqLengthFrom === 'assumed' ? ' assumed' : ''})`);
  parts.push(`train ${formatNum(r.memory.perGpu / GB, 3)} GB/GPU`);
  const row = r.lawTokens.rows.find((x) => x.law === LENS_LAW);
  if (row) parts.push(`${row.law}: D* ${formatCount(row.D)} (${formatNum(row.tokensPerParam, 3)} tok/param)${row.loss !== null ? `, L̂ ${formatNum(row.loss, 4)}` : ''}`);
  return parts.join(' · ');
}

/** One line per law: the tokens a compute-optimal run wants for this N, and the loss it predicts. */
export function lawTokenLines(r: ModelReport): string[] {
  return r.lawTokens.rows.map((t) => `${t.law}: D* ${formatCount(t.D)} tokens (${formatNum(t.tokensPerParam, 3)}/param), C ${formatSci(t.compute)} FLOPs${t.loss !== null ? `, L̂ ${formatNum(t.loss, 4)}` : ''}${t.convention !== 'total' ? ` — N counted ${t.convention} (${formatCount(t.N)})` : ''}`);
}

/** Markdown special characters escaped, for text that comes from the user's file. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

/** Keys (config.json), assignments (nanoGPT) and flags (Megatron) that set the model's size. */
export const SIZE_KEYS: ReadonlySet<string> = new Set([
  'hidden_size', 'n_embd', 'num_hidden_layers', 'n_layer', 'num_attention_heads', 'n_head', 'num_key_value_heads', 'head_dim',
  'intermediate_size', 'n_inner', 'ffn_dim', 'vocab_size', 'max_position_embeddings', 'n_positions', 'block_size', 'model_type',
  'num_local_experts', 'num_experts', 'n_routed_experts', 'num_experts_per_tok', 'moe_intermediate_size', 'n_shared_experts',
  'shared_expert_intermediate_size', 'first_k_dense_replace', 'kv_lora_rank', 'q_lora_rank', 'tie_word_embeddings', 'word_embed_proj_dim',
  'multi_query', 'new_decoder_architecture', 'num_kv_heads', 'ffn_hidden_size', 'init_from', 'bias',
  'num-layers', 'hidden-size', 'ffn-hidden-size', 'num-attention-heads', 'num-query-groups', 'group-query-attention', 'kv-channels',
  'swiglu', 'untie-embeddings-and-output-weights', 'disable-bias-linear', 'seq-length', 'max-position-embeddings', 'vocab-size',
  'normalization', 'position-embedding-type', 'num-experts', 'moe-router-topk',
]);

/** The hover on a size key: the parameter breakdown, FLOPs, memory and what the key is read as. */
export function modelHoverMarkdown(read: ModelRead, r: ModelReport, key: string): string | undefined {
  if (!SIZE_KEYS.has(key)) return undefined;
  const p = r.params;
  const a = read.arch;
  const rows = ([
    ['embeddings', p.embeddings], ['positions', p.positions], ['attention', p.attention], [p.mlp !== p.mlpActive ? 'MLP (all experts)' : 'MLP', p.mlp],
    ['norms', p.norms], ['output head', p.output], ['embedding projections', p.projections],
  ] as Array<[string, number]>).filter(([, v]) => v > 0).map(([k, v]) => `| ${k} | ${v.toLocaleString('en-US')} |`);
  const shape = `${a.num_hidden_layers} layers × d ${a.hidden_size}, ${a.num_attention_heads} heads (${a.num_key_value_heads} KV, head ${a.head_dim}), MLP ${a.intermediate_size} ${a.mlp_type}, vocab ${a.vocab_size}, ${a.tie_word_embeddings ? 'tied' : 'untied'} embeddings${a.moe ? `, ${a.moe.num_experts} experts top-${a.moe.num_experts_per_tok}` : ''}`;
  return [
    `**N = ${formatCount(p.total)}** (${p.total.toLocaleString('en-US')} parameters${p.active !== p.total ? `; ${formatCount(p.active)} active per token` : ''}) — \`${escapeMarkdown(key)}\` read as part of: ${shape}`,
    '',
    '| component | parameters |',
    '|---|---:|',
    ...rows,
    '',
    `FLOPs/token (training, seq ${a.seq_length}${read.seqLengthFrom === 'assumed' ? ', assumed — set scalingLaws.modelConfig.seqLength' : ''}): 6N = ${formatSci(r.flops.sixN)}, exact (Chinchilla App. F) = ${formatSci(r.flops.exact)}`,
    '',
    `Memory: training ${formatNum(r.memory.perGpu / GB, 3)} GB on one GPU (mixed-precision AdamW, micro-batch 1); inference ${formatNum(r.inference.weights / GB, 3)} GB weights + ${formatNum(r.inference.kvCache / GB, 3)} GB KV cache at context ${r.inference.context}`,
    '',
    '**Compute-optimal tokens for this N:**',
    '',
    ...lawTokenLines(r).map((l) => `- ${l}`),
    ...(r.nanoGptReported !== undefined ? ['', `nanoGPT prints ${formatNum(r.nanoGptReported / 1e6, 5)}M (get_num_params() leaves out the position table)`] : []),
  ].join('\n');
}
