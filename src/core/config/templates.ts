/**
 * Annotated starting points for the "New … Config" commands. Every template analyses cleanly (a unit
 * test checks it), and the comments say what each field means and where typical values come from.
 */
import type { ConfigKind } from './analyse';

const ARCH = `{
  // Architecture config — hover a field to see the resulting parameter count.
  // Fields you leave out come from "style": llama (SwiGLU, RoPE, RMSNorm, no biases, untied),
  // gpt2 (GELU, learned positions, LayerNorm, biases, tied) or chinchilla (relative positions).
  "name": "my-model",
  "style": "llama",
  "hidden_size": 2048,          // d_model; N ≈ 12·L·d² + 2·V·d for a dense model
  "num_hidden_layers": 24,
  "num_attention_heads": 16,    // head_dim = hidden_size / heads = 128
  "num_key_value_heads": 16,    // < heads for grouped-query attention (must divide heads)
  "intermediate_size": 5632,    // SwiGLU width (LLaMA rule: 256·⌈(8d/3)/256⌉)
  "vocab_size": 32000,
  "seq_length": 2048,
  "tie_word_embeddings": false
  // "moe": { "num_experts": 8, "num_experts_per_tok": 2 }   // mixture of experts: total vs active parameters
}
`;

const BACKWARD = `{
  // Backward-scaling config: what a cluster and a time budget buy.
  //   C = GPUs × dense peak(gpu, dtype) × MFU × uptime × hours × 3600
  //   D = C / FLOPs-per-token (6N),  L̂ = L(N, D) under "scaling_law"
  "architecture": {             // inline, or a path to an *.arch.jsonc ("./model.arch.jsonc")
    "style": "llama",
    "hidden_size": 2048,
    "num_hidden_layers": 24,
    "num_attention_heads": 16,
    "intermediate_size": 5632,
    "vocab_size": 32000,
    "seq_length": 2048
  },
  "training_gear": {
    "num_gpus": 8,
    "gpu_type": "H100-SXM",     // dense BF16 peak 989.4 TFLOP/s (not the 1,979 sparsity headline)
    "dtype": "bf16",
    "available_hours": 168      // one week
    // "peak_flops_per_gpu": 989.4e12   // only for accelerators missing from the table (DENSE figure)
  },
  "training_efficiency": {
    "expected_mfu": 0.4,        // 0.35–0.45 well-optimised dense training; > 0.7 is not achieved
    "uptime": 0.95              // restarts, evaluation, checkpointing
  },
  "dataset": {
    "total_tokens": 1e12        // tokens in one pass over the corpus
    // "unique_tokens": 2.5e11, "language": "en"
  },
  "scaling_law": "hoffmann2022-a3",   // or besiroglu2024, muennighoff2023 (repetition), …
  // Chinchilla Eq. 10 as printed (what older tools use): { "id": "hoffmann2022-a3", "constant_set": "eq10-rounded" }
  "batch_size_tokens": 1048576        // tokens per optimizer step → number of steps
}
`;

const SWEEP = `{
  // IsoFLOP sweep (Chinchilla Approach 2): at each compute budget, train several model sizes around the
  // optimum a law predicts; each budget's best size gives one point of N_opt = k·C^a.
  "name": "my-isoflop",
  "budgets": { "from": 1e18, "to": 1e20, "count": 5 },   // or a list: [1e18, 3e18, 1e19]
  "law": "hoffmann2022-a3",     // centres each budget's grid on this law's N_opt
  "modelsPerBudget": 7,         // ≥ 3 for a parabola; 5–9 recommended
  "span": 8,                    // largest / smallest model at a budget (too narrow or too wide biases the fit)
  "seqLen": 2048,
  "batchSize": 256,             // sequences per step
  "vocabSize": 32000,
  "gpu": "H100-SXM",
  "mfu": 0.4,
  "mock": { "noise": 0.01, "seed": 0 }   // synthetic results to try the flow without a cluster
}
`;

export const TEMPLATES: Record<ConfigKind, { fileName: string; text: string }> = {
  arch: { fileName: 'model.arch.jsonc', text: ARCH },
  backward: { fileName: 'run.backward.jsonc', text: BACKWARD },
  sweep: { fileName: 'isoflop.sweep.jsonc', text: SWEEP },
};
