/**
 * `scaling-laws forward <file.arch.jsonc | config.json | nanoGPT config .py | Megatron launch .sh> [--json]`
 * — parameters by component, FLOPs per token in both conventions (6N and Chinchilla App. F), training
 * memory and context-length scaling of an architecture; for framework model configs also the
 * per-GPU memory under ZeRO/TP/PP, the inference KV cache, and the tokens each law wants for this N.
 */
import { parseArgs, get, formatTable } from '../lib/args';
import { InputError } from '../../core/errors';
import { MAX_CONFIG_BYTES, readInputFile, readReferencedFile } from '../lib/files';
import type { CliCommand, CliIO } from '../lib/io';
import { analyseDocument, type ConfigKind, type DocumentAnalysis } from '../../core/config/analyse';
import { lineColumn } from '../../core/config/jsonc';
import { formatCount, formatNum, formatSci } from '../../core/format';
import type { Checkpointing, MemoryOptions } from '../../core/arch';
import { analyseModelConfig, detectModelConfig, type ModelConfigAnalysis } from '../../core/config/modelConfig';
import { modelReport } from '../../core/modelConfig';
import { cliJson } from '../lib/json';

/**
 * Parse `<file> [--json]` and read and analyse the config for a CLI command: the first error becomes
 * `file:line:column: message` (exit 2); warnings and hints go to stderr in the same format.
 */
export function analyseFileForCli(argv: string[], kind: ConfigKind, io: CliIO): { file: string; json: boolean; a: DocumentAnalysis } {
  const p = parseArgs(argv, { json: 'boolean' }, 1);
  const file = p.positionals[0];
  if (!file) throw new InputError(`missing <file> (${kind === 'arch' ? 'an *.arch.jsonc architecture config' : 'a *.backward.jsonc config'})`);
  const text = readInputFile(file, kind === 'arch' ? 'architecture config' : 'backward config', MAX_CONFIG_BYTES);
  const a = analyseDocument(text, file, { readFile: readReferencedFile, kind });
  for (const issue of a.issues) {
    const { line, column } = lineColumn(text, issue.offset);
    if (issue.severity === 'error') throw new InputError(file, line, column, issue.message);
    io.err(`${file}:${line}:${column}: ${issue.severity}: ${issue.message}`);
  }
  return { file, json: get.bool(p, 'json'), a };
}

const GB = 1e9;
const n = (x: number) => x.toLocaleString('en-US');

const MODEL_FLAGS = {
  json: 'boolean', 'seq-length': 'integer', 'vocab-size': 'integer', 'micro-batch': 'integer', dp: 'integer', zero: 'integer',
  tp: 'integer', pp: 'integer', 'sequence-parallel': 'boolean', checkpointing: 'string', batch: 'integer', context: 'integer',
} as const;

const FORMAT_LABEL = { huggingface: 'Hugging Face config.json', nanogpt: 'nanoGPT config', megatron: 'Megatron-LM launch script' } as const;

/** Read a model config for the CLI: errors → file:line:column (exit 2), warnings → stderr. */
export function readModelConfigForCli(file: string, text: string, format: NonNullable<ReturnType<typeof detectModelConfig>>, opts: { seqLength?: number; vocabSize?: number }, io: CliIO): ModelConfigAnalysis {
  const m = analyseModelConfig(text, file, format, opts);
  for (const issue of m.issues) {
    const { line, column } = lineColumn(text, issue.offset);
    if (issue.severity === 'error') throw new InputError(file, line, column, issue.message);
    io.err(`${file}:${line}:${column}: warning: ${issue.message}`);
  }
  return m;
}

function positive(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || v < 1) throw new InputError(`--${name} must be a whole number ≥ 1, got ${String(v)}`);
  return v;
}

/** `forward` on a Hugging Face / nanoGPT / Megatron file. */
function forwardModel(argv: string[], io: CliIO): number {
  const p = parseArgs(argv, MODEL_FLAGS, 1);
  const file = p.positionals[0];
  const text = readReferencedFile(file)!;
  const format = detectModelConfig(file, text)!;
  const zero = p.flags.zero;
  if (zero !== undefined && ![0, 1, 2, 3].includes(zero as number)) throw new InputError(`--zero expects 0, 1, 2 or 3, got ${String(zero)}`);
  const ck = p.flags.checkpointing;
  if (ck !== undefined && !['none', 'selective', 'full'].includes(ck as string)) throw new InputError(`--checkpointing expects none, selective or full, got '${String(ck)}'`);
  const m = readModelConfigForCli(file, text, format, { seqLength: positive('seq-length', p.flags['seq-length']), vocabSize: positive('vocab-size', p.flags['vocab-size']) }, io);
  const read = m.read!;
  const memory: MemoryOptions = {
    microBatchSize: positive('micro-batch', p.flags['micro-batch']),
    dataParallel: positive('dp', p.flags.dp),
    zeroStage: zero as MemoryOptions['zeroStage'],
    tensorParallel: positive('tp', p.flags.tp),
    pipelineParallel: positive('pp', p.flags.pp),
    sequenceParallel: p.flags['sequence-parallel'] === true,
    checkpointing: ck as Checkpointing | undefined,
  };
  const r = modelReport(read, { memory, inference: { batch: positive('batch', p.flags.batch), context: positive('context', p.flags.context) } });
  const warnings = m.issues.map((i) => ({ message: i.message, ...lineColumn(text, i.offset) }));
  if (get.bool(p, 'json')) {
    io.out(cliJson({ file, format: read.format, family: read.family, N: r.N, active: r.params.active, params: r.params, flopsPerToken: r.flops, memory: r.memory, inference: r.inference, seqScaling: r.seqScaling, lawTokens: r.lawTokens, ...(r.nanoGptReported !== undefined ? { nanoGptReported: r.nanoGptReported } : {}), seqLengthFrom: read.seqLengthFrom, arch: read.arch, notes: read.notes, warnings }));
    return 0;
  }
  const pr = r.params;
  const a = read.arch;
  const rows: string[][] = [
    ['embeddings', n(pr.embeddings)], ['positions', n(pr.positions)], ['attention', n(pr.attention)],
    [pr.mlp !== pr.mlpActive ? 'MLP (all experts)' : 'MLP', n(pr.mlp)], ['norms', n(pr.norms)], ['output head', n(pr.output)],
    ...(pr.projections ? [['embedding projections', n(pr.projections)]] : []), ['total', n(pr.total)],
  ];
  if (pr.active !== pr.total) rows.push(['active per token', n(pr.active)]);
  rows.push(['non-embedding', n(pr.nonEmbedding)]);
  const mem = r.memory;
  const o = mem.options;
  const inf = r.inference;
  const seqNote = read.seqLengthFrom === 'assumed' ? ' — ASSUMED, pass --seq-length' : read.seqLengthFrom === 'option' ? ' (--seq-length)' : ' (from the training config)';
  io.out([
    `${file}: ${FORMAT_LABEL[read.format]}${read.format === 'huggingface' ? `, model_type ${read.family}` : ''}: N = ${formatCount(r.N)} (${n(r.N)} parameters${pr.active !== pr.total ? `; ${formatCount(pr.active)} active per token` : ''})`,
    ...read.notes.map((x) => `  note: ${x}`),
    ...(r.nanoGptReported !== undefined ? [`  nanoGPT prints "number of parameters: ${formatNum(r.nanoGptReported / 1e6, 5)}M" (get_num_params() leaves out the ${n(r.N - r.nanoGptReported)} position-table parameters); the model holds ${n(r.N)}`] : []),
    '',
    formatTable(['component', 'parameters'], rows),
    '',
    `FLOPs per token (training, seq ${a.seq_length}${seqNote}):`,
    `  6N                                   ${formatSci(r.flops.sixN, 4)}`,
    `  exact (Chinchilla App. F + logits)   ${formatSci(r.flops.exact, 4)}   ratio ${formatNum(r.flops.ratio, 4)}`,
    '',
    `Training memory per GPU (mixed-precision AdamW; micro-batch ${o.microBatchSize}, seq ${o.seqLength}, DP ${o.dataParallel} ZeRO-${o.zeroStage}, TP ${o.tensorParallel}${o.sequenceParallel ? '+SP' : ''}, PP ${o.pipelineParallel}, checkpointing ${o.checkpointing}):`,
    `  states ${formatNum(mem.statesPerGpu / GB, 3)} GB + activations ${formatNum(mem.activations / GB, 3)} GB = ${formatNum(mem.perGpu / GB, 3)} GB   (unsharded states ${formatNum((mem.weights + mem.gradients + mem.optimizer) / GB, 3)} GB)`,
    `Inference memory (16-bit weights and KV cache): weights ${formatNum(inf.weights / GB, 3)} GB + KV cache ${formatNum(inf.kvCache / GB, 3)} GB (${formatNum(inf.kvPerToken / 1024, 4)} KiB/token × batch ${inf.batch} × context ${inf.context}) = ${formatNum(inf.total / GB, 3)} GB`,
    '',
    'Compute-optimal training for this N, per law (the budget at which the law picks this size):',
    formatTable(['law', 'N counted', 'D (tokens)', 'D/N', 'C (FLOPs)', 'loss'],
      r.lawTokens.rows.map((t) => [t.law, formatCount(t.N), formatCount(t.D), formatNum(t.tokensPerParam, 3), formatSci(t.compute), t.loss === null ? '–' : formatNum(t.loss, 4)])),
    ...r.lawTokens.skipped.map((s) => `  ${s.law}: ${s.reason}`),
    ...(warnings.length ? ['', `${warnings.length} warning${warnings.length > 1 ? 's' : ''} (see stderr): the count follows the assumptions they name.`] : []),
  ].join('\n'));
  return 0;
}

export const forward: CliCommand = {
  summary: 'parameters, FLOPs/token and memory of an architecture config',
  run(argv, io) {
    const target = argv.find((x) => !x.startsWith('--') && /\.(json|py|sh|bash|slurm)$/i.test(x));
    const targetText = target !== undefined ? readReferencedFile(target) : undefined;
    if (target !== undefined && targetText !== undefined && detectModelConfig(target, targetText)) return forwardModel(argv, io);
    const { file, json, a } = analyseFileForCli(argv, 'arch', io);
    const f = a.forward!;
    if (json) {
      io.out(cliJson({ file, N: f.N, params: f.params, flopsPerToken: f.flops, memory: f.memory, seqScaling: f.seqScaling, arch: f.arch }));
      return 0;
    }
    const pr = f.params;
    const rows: string[][] = [
      ['embeddings', n(pr.embeddings)], ['positions', n(pr.positions)], ['attention', n(pr.attention)],
      [pr.mlp !== pr.mlpActive ? 'MLP (all experts)' : 'MLP', n(pr.mlp)], ['norms', n(pr.norms)],
      ['output head', n(pr.output)], ['total', n(pr.total)],
    ];
    if (pr.active !== pr.total) rows.push(['active per token', n(pr.active)]);
    rows.push(['non-embedding', n(pr.nonEmbedding)]);
    const fl = f.flops;
    const m = f.memory;
    io.out([
      `${file}: N = ${formatCount(f.N)} (${f.arch.num_hidden_layers} layers × d ${f.arch.hidden_size}, ${f.arch.mlp_type}, ${f.arch.tie_word_embeddings ? 'tied' : 'untied'} embeddings)`,
      '',
      formatTable(['component', 'parameters'], rows),
      '',
      `FLOPs per token (training, seq ${fl.seqLength}):`,
      `  6N                                   ${formatSci(fl.sixN, 4)}`,
      `  exact (Chinchilla App. F + logits)   ${formatSci(fl.exact, 4)}   ratio ${formatNum(fl.ratio, 4)}`,
      `  App. F layers only (Table A4)        ${formatSci(fl.tableA4, 4)}   ratio ${formatNum(fl.tableA4Ratio, 4)}`,
      '',
      `Training memory (mixed-precision AdamW, 16 B/param states; activations: micro-batch 1, FlashAttention):`,
      `  weights ${formatNum(m.weights / GB, 3)} GB · gradients ${formatNum(m.gradients / GB, 3)} GB · optimizer ${formatNum(m.optimizer / GB, 3)} GB · activations ${formatNum(m.activations / GB, 3)} GB · total ${formatNum(m.total / GB, 3)} GB`,
      '',
      formatTable(['seq length', 'exact FLOPs/token', 'exact/6N', 'attention-score share'],
        f.seqScaling.map((r) => [String(r.seqLength), formatSci(r.exact, 4), formatNum(r.ratio, 4), `${formatNum(100 * r.attentionScoresShare, 3)} %`])),
    ].join('\n'));
    return 0;
  },
};

/** `scaling-laws forward --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function forwardHelp(): string {
  return `Usage: scaling-laws forward <file.arch.jsonc | config.json | nanoGPT config.py | Megatron launch.sh> [options]

Forward analysis of a model architecture (JSONC; see schemas/arch.schema.json):
parameters by component (embeddings, attention, MLP, norms, output; MoE total vs active),
training FLOPs per token as 6N and exact (Chinchilla App. F, attention + logits) with the ratio,
training memory (mixed-precision AdamW, FlashAttention, micro-batch 1) and context-length scaling.

A Hugging Face config.json (any file with a "model_type"; gpt2, gpt_neox, opt, llama, mistral, mixtral,
qwen2, qwen2_moe, qwen3, qwen3_moe, gemma, gemma2, gemma3, phi, phi3, olmo, olmo2, falcon, deepseek_v2,
deepseek_v3) is counted as transformers instantiates it; a nanoGPT config .py as train.py builds it; a
Megatron-LM launch script from its flags. Nothing is executed. Every assumption is a warning on stderr.

Options:
  --json               machine-readable output: { N, params, flopsPerToken, memory, seqScaling, arch, … , warnings }
For config.json / nanoGPT / Megatron files:
  --seq-length S       training sequence length (config.json gives only the positional limit)
  --vocab-size V       vocabulary when the file names only a tokenizer (Megatron) or data set (nanoGPT)
  --micro-batch B --dp N --zero 0|1|2|3 --tp T --pp P [--sequence-parallel] --checkpointing none|selective|full
                       training memory per GPU (ZeRO over the data-parallel degree, Megatron TP/PP)
  --batch B --context T  inference KV cache (default batch 1, context = sequence length)
Exit codes: 0 ok, 2 bad arguments or invalid config (file:line:column: message).`;
}
