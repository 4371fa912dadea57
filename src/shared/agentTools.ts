/**
 * The tools Scaling Laws offers to AI agents — one table read by the MCP server (`scaling-laws mcp`) and by
 * the extension's language-model tools (`contributes.languageModelTools`, checked against this table by a
 * unit test). Each tool is a CLI command: `argv()` turns the agent's JSON input into that command line, so what an
 * agent gets is what `scaling-laws <command> …` prints (with `--json` over MCP), by construction.
 *
 * Pure data and string mapping: no Node, no vscode (the web extension reads it too).
 */

/** A JSON Schema object, as MCP's `tools/list` and VS Code's `inputSchema` both take it. */
export interface JsonSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties?: boolean;
}

export interface AgentTool {
  /** MCP tool name; the VS Code tool is registered as `scaling-laws_<name>` (the manifest's `name`). */
  name: string;
  /** The CLI command that answers it. */
  command: 'optimal' | 'laws' | 'forward' | 'backward' | 'fit' | 'isoflop' | 'hparams';
  title: string;
  /** What a model reads to decide whether to call the tool: what it answers, and its limits. */
  description: string;
  inputSchema: JsonSchema;
  /**
   * The CLI arguments for an input that passed `checkInput`. The MCP server adds `--json` (an agent outside the
   * editor gets the machine-readable answer); the editor's language-model tools keep the shorter text report.
   */
  argv(input: Record<string, unknown>): string[];
}

/** A refused tool input: the message names the field, as the CLI's usage errors do. */
export class AgentInputError extends Error {
  readonly exitCode = 2;
}

const num = (description: string, extra: Record<string, unknown> = {}) => ({ type: 'number', exclusiveMinimum: 0, description, ...extra });
const str = (description: string, extra: Record<string, unknown> = {}) => ({ type: 'string', description, ...extra });
const strList = (description: string) => ({ type: 'array', items: { type: 'string' }, description });

/** `{flag: value}` → `--flag value` for the keys present; arrays repeat the flag; `true` booleans are bare flags. */
function flags(input: Record<string, unknown>, map: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [key, flag] of Object.entries(map)) {
    const v = input[key];
    if (v === undefined || v === null || v === false) continue;
    if (v === true) out.push(`--${flag}`);
    else if (Array.isArray(v)) for (const x of v) out.push(`--${flag}`, String(x));
    else out.push(`--${flag}`, String(v));
  }
  return out;
}

const LAW_LIST = strList('law ids to include (default: every law that applies); see the scaling_laws_laws tool for the ids');

export const AGENT_TOOLS: readonly AgentTool[] = [
  {
    name: 'scaling_laws_optimal',
    command: 'optimal',
    title: 'Compute-optimal model size and tokens',
    description:
      'Compute-optimal parameter count N*, training tokens D*, tokens per parameter and predicted loss for a training ' +
      'budget, under every published scaling law (Chinchilla approaches 1-3, Besiroglu replication, Kaplan, Muennighoff ' +
      'data-constrained, DeepSeek, Llama 3, Porian, ATLAS multilingual), with each law\'s citation-backed warnings ' +
      '(extrapolation beyond the fitted range, conventions). Give the budget as compute FLOPs, or as gpus + gpu + hours + mfu, ' +
      'or a target_loss with one law. Optional: inference_tokens (Sardana et al. inference-aware), unique_tokens (data cap), language.',
    inputSchema: {
      type: 'object',
      properties: {
        compute: num('training budget in FLOPs, e.g. 1e23'),
        target_loss: num('target loss (nats/token in the chosen law\'s data); needs exactly one law'),
        gpus: num('number of GPUs (with gpu, hours, mfu)'),
        gpu: str('GPU type, e.g. H100-SXM, A100'),
        dtype: str('training dtype for the dense peak (default bf16)'),
        hours: num('wall-clock hours'),
        mfu: num('model FLOPs utilisation against the dense peak, a fraction in (0, 1], e.g. 0.4', { maximum: 1 }),
        laws: LAW_LIST,
        inference_tokens: { type: 'number', minimum: 0, description: 'tokens the model will serve over its life (inference-aware allocation)' },
        unique_tokens: num('unique tokens available (data-constrained: repeated epochs are penalised)'),
        language: str('language of the training data (en, fr, ru, zh, hi, sw)'),
      },
      additionalProperties: false,
    },
    argv: (i) =>
      [...flags(i, { compute: 'compute', target_loss: 'target-loss', gpus: 'gpus', gpu: 'gpu', dtype: 'dtype', hours: 'hours', mfu: 'mfu', laws: 'law', inference_tokens: 'inference-tokens', unique_tokens: 'unique-tokens', language: 'language' })],
  },
  {
    name: 'scaling_laws_laws',
    command: 'laws',
    title: 'Published scaling laws',
    description:
      'The registry of published scaling laws: for each id its paper (authors, year, arXiv id), functional form, every ' +
      'constant with the table or equation it comes from, the parameter/token conventions, the fitted ranges and caveats. ' +
      'Use it to cite a law or to check which constants are correct (e.g. Chinchilla Approach 3 E, A, B, alpha, beta).',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    argv: () => [],
  },
  {
    name: 'scaling_laws_forward',
    command: 'forward',
    title: 'Count a model architecture',
    description:
      'Parameters by component (total and active for MoE), training FLOPs per token (6N and exact) and training memory of a ' +
      'model architecture config file (the extension\'s *.arch.jsonc; Hugging Face config.json, nanoGPT and Megatron files ' +
      'where this version supports them). Give the file path.',
    inputSchema: { type: 'object', properties: { path: str('path of the architecture config file') }, required: ['path'], additionalProperties: false },
    argv: (i) => [String(i.path)],
  },
  {
    name: 'scaling_laws_backward',
    command: 'backward',
    title: 'From a cluster to tokens and loss',
    description:
      'Backward scaling from a *.backward.jsonc config: GPUs x dense peak x MFU x hours gives the compute C, the model\'s ' +
      'FLOPs per token give the tokens D it can train on, the chosen law predicts the loss and its own optimum for that C, ' +
      'and the dataset check says how many epochs that is. Give the file path.',
    inputSchema: { type: 'object', properties: { path: str('path of the backward-scaling config') }, required: ['path'], additionalProperties: false },
    argv: (i) => [String(i.path)],
  },
  {
    name: 'scaling_laws_fit',
    command: 'fit',
    title: 'Fit a scaling law to runs',
    description:
      'Fit a scaling law to a CSV of finished training runs (columns for loss and two of parameters, tokens, compute): the ' +
      'Hoffmann/Besiroglu Huber fit by default, with fit quality (R2, RMSE, cross-validation), bootstrap intervals, warnings ' +
      'and the compute-optimal allocation at a budget. Give the file path; bootstrap defaults to 200 resamples.',
    inputSchema: {
      type: 'object',
      properties: {
        path: str('path of the CSV of runs'),
        form: str('law form: chinchilla (default), kaplan, data-constrained, loss-vs-compute, overtraining'),
        compute: num('budget in FLOPs for the compute-optimal allocation'),
        drop_highest_loss: { type: 'integer', minimum: 0, description: 'drop the K highest-loss rows first (Besiroglu et al. drop 5)' },
        bootstrap: { type: 'integer', minimum: 0, maximum: 2000, description: 'bootstrap resamples (0 = off)' },
        seed: { type: 'integer', description: 'seed for bootstrap and CV folds' },
        fix: strList('fix parameters, e.g. ["E=1.69"]'),
        columns: strList('choose columns, e.g. ["loss=val_loss"]'),
      },
      required: ['path'],
      additionalProperties: false,
    },
    argv: (i) => [String(i.path), ...flags(i, { form: 'form', compute: 'compute', drop_highest_loss: 'drop-highest-loss', bootstrap: 'bootstrap', seed: 'seed', fix: 'fix', columns: 'column' })],
  },
  {
    name: 'scaling_laws_isoflop',
    command: 'isoflop',
    title: 'Analyse IsoFLOP results',
    description:
      'Chinchilla Approach 2 on a CSV of IsoFLOP sweep results: a parabola per compute budget, its minimum, and the ' +
      'frontier N* = k*C^a and D* = k\'*C^b with intervals, beside the joint parametric fit. Give the file path.',
    inputSchema: {
      type: 'object',
      properties: {
        path: str('path of the results CSV'),
        window: { type: 'integer', minimum: 1, description: 'fit each parabola to the best run and k neighbours on each side' },
        columns: strList('choose columns, e.g. ["loss=eval_loss"]'),
      },
      required: ['path'],
      additionalProperties: false,
    },
    argv: (i) => [String(i.path), ...flags(i, { window: 'window', columns: 'column' })],
  },
];

/**
 * Check an agent's input against the tool's schema (types, required keys, no unknown keys, bounds) before it
 * becomes a command line: a string that starts with "--" would otherwise be read as a flag.
 */
export function checkInput(tool: AgentTool, input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new AgentInputError(`${tool.name}: the input must be a JSON object`);
  const obj = input as Record<string, unknown>;
  const props = tool.inputSchema.properties;
  for (const key of tool.inputSchema.required ?? []) {
    if (obj[key] === undefined) throw new AgentInputError(`${tool.name}: '${key}' is required`);
  }
  for (const [key, v] of Object.entries(obj)) {
    if (!Object.prototype.hasOwnProperty.call(props, key)) {
      throw new AgentInputError(`${tool.name}: unknown field '${key}' (expected: ${Object.keys(props).join(', ') || 'none'})`);
    }
    if (v === undefined || v === null) continue;
    const s = props[key];
    const bad = (what: string) => new AgentInputError(`${tool.name}: '${key}' ${what}`);
    const scalar = (x: unknown, type: unknown, where = '') => {
      if (type === 'string') {
        if (typeof x !== 'string' || x.length === 0) throw bad(`${where}must be a non-empty string`);
        if (x.startsWith('-')) throw bad(`${where}must not start with '-'`);
        if (x.length > 4096) throw bad(`${where}is longer than 4096 characters`);
      } else if (type === 'number' || type === 'integer') {
        if (typeof x !== 'number' || !Number.isFinite(x)) throw bad(`${where}must be a finite number`);
        if (type === 'integer' && !Number.isInteger(x)) throw bad(`${where}must be a whole number`);
        if (typeof s.exclusiveMinimum === 'number' && !(x > s.exclusiveMinimum)) throw bad(`must be > ${s.exclusiveMinimum}`);
        if (typeof s.minimum === 'number' && x < s.minimum) throw bad(`must be ≥ ${s.minimum}`);
        if (typeof s.maximum === 'number' && x > s.maximum) throw bad(`must be ≤ ${s.maximum}`);
      } else if (type === 'boolean') {
        if (typeof x !== 'boolean') throw bad(`${where}must be true or false`);
      }
    };
    if (s.type === 'array') {
      if (!Array.isArray(v)) throw bad('must be an array');
      if (v.length > 64) throw bad('has more than 64 items');
      v.forEach((x, k) => scalar(x, (s.items as { type: string }).type, `item ${k} `));
    } else scalar(v, s.type);
  }
  return obj;
}
