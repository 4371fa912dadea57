/**
 * A Hugging Face `config.json` → the architecture its *ForCausalLM model instantiates, per `model_type`
 * (see ./hfFamilies), with a warning for every assumption: an unknown model_type, an unknown activation,
 * a key the count does not read, a quantised checkpoint, and the training sequence length (a config.json
 * gives the positional limit, max_position_embeddings, not the length a run trains at).
 */
import { nearest } from '../hardware/nearest';
import { ArchError, normaliseArch, type ArchConfig } from './types';
import { ASSUMED_SEQ_LENGTH, type ModelRead, type ModelWarning, type ReadOptions } from './modelWarning';
import { FAMILIES, FAMILY_ALIASES, type FamilyBuild } from './hfFamilies';
import { HfKeys, SILENT_KEYS } from './hfKeys';

export { FAMILIES } from './hfFamilies';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** True for a parsed JSON value that looks like a Hugging Face model config (has a string `model_type`). */
export function isHfConfig(value: unknown): value is Obj {
  return isObj(value) && typeof value.model_type === 'string';
}

export const HF_MODEL_TYPES: readonly string[] = Object.keys(FAMILIES).sort();

function unknownType(obj: Obj, modelType: string, warnings: ModelWarning[]): FamilyBuild {
  const near = nearest(modelType, HF_MODEL_TYPES, (t) => [t], 3);
  warnings.push({
    path: ['model_type'],
    message: `unknown model_type '${modelType}' (supported: ${HF_MODEL_TYPES.join(', ')}): counted as a Llama-style decoder from its size keys (gated MLP if the activation is SiLU, no biases, RMSNorm, untied unless tie_word_embeddings) — the count may be wrong`,
    fixes: near.map((t) => ({ title: `Change model_type to '${t}'`, value: t })),
  });
  const arch = normaliseArch({ ...obj, seq_length: 1 });
  const { seq_length: _omit, ...rest } = arch;
  const maxPositions = typeof obj.max_position_embeddings === 'number' ? obj.max_position_embeddings : undefined;
  return { arch: rest, maxPositionsKey: maxPositions !== undefined ? 'max_position_embeddings' : undefined, maxPositions };
}

/**
 * Read a parsed config.json. `opts.seqLength` is the training sequence length; without it the
 * sequence length is assumed (min(positional limit, 2048)) and flagged on the positional-limit key.
 */
export function readHfConfig(value: unknown, opts: ReadOptions = {}): ModelRead {
  if (!isHfConfig(value)) throw new ArchError("config.json: expected an object with a string 'model_type'", []);
  const warnings: ModelWarning[] = [];
  let obj: Obj = value;
  let base: (string | number)[] = [];
  let type = value.model_type as string;
  let family = FAMILIES[type] ? type : FAMILY_ALIASES[type];
  if (type === 'gemma3') {
    if (!isObj(value.text_config)) throw new ArchError("gemma3: expected a 'text_config' object (the language model's configuration)", ['model_type']);
    warnings.push({ path: ['model_type'], message: 'gemma3 is multimodal: the language model (text_config, Gemma3ForCausalLM) is counted; the SigLIP vision tower and the multimodal projector are not' });
    obj = value.text_config;
    base = ['text_config'];
    type = 'gemma3_text';
    family = 'gemma3_text';
  }

  let built: FamilyBuild;
  let keys: HfKeys | undefined;
  if (family) {
    keys = new HfKeys(obj, base, type, FAMILIES[family].defaults);
    built = FAMILIES[family].build(keys);
    warnings.push(...keys.warnings);
  } else {
    built = unknownType(obj, type, warnings);
  }

  if (keys) {
    for (const k of Object.keys(obj)) {
      if (keys.used.has(k) || SILENT_KEYS.has(k)) continue;
      if (k === 'quantization_config') {
        warnings.push({ path: [...base, k], message: 'quantization_config: the checkpoint is quantised; parameters are counted as the unquantised model has them (memory assumes 16-bit weights)' });
      } else if (k === 'vision_config' || k === 'audio_config') {
        warnings.push({ path: [...base, k], message: `${k}: only the language model is counted` });
      } else {
        warnings.push({ path: [...base, k], message: `key '${k}' is not read by the ${FAMILIES[family!].label} count; if it changes the architecture, the count does not reflect it` });
      }
    }
  }

  let seq: number;
  let seqLengthFrom: ModelRead['seqLengthFrom'];
  if (opts.seqLength !== undefined) {
    seq = opts.seqLength;
    seqLengthFrom = 'option';
  } else {
    seq = Math.min(built.maxPositions ?? ASSUMED_SEQ_LENGTH, ASSUMED_SEQ_LENGTH);
    seqLengthFrom = 'assumed';
    const key = built.maxPositionsKey;
    warnings.push({
      path: key ? [...base, key] : [],
      message: `training sequence length not given: FLOPs/token and activation memory assume ${seq}${key ? ` (${key} = ${built.maxPositions} is the model's positional limit, not the length a run trains at)` : ''} — pass --seq-length (CLI) or set scalingLaws.modelConfig.seqLength (editor)`,
    });
  }
  const arch: ArchConfig = { ...built.arch, seq_length: seq };
  if (opts.seqLength !== undefined && built.maxPositions !== undefined && arch.position_embedding === 'learned' && opts.seqLength > built.maxPositions) {
    throw new ArchError(`sequence length ${opts.seqLength} exceeds the learned position table (${built.maxPositionsKey} = ${built.maxPositions})`, built.maxPositionsKey ? [...base, built.maxPositionsKey] : []);
  }
  return { format: 'huggingface', family: type, arch, warnings, notes: [], seqLengthFrom };
}
