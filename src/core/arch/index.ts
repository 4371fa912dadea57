/** Architecture analysis: parameters, FLOPs per token, training memory, shapes. */
export * from './types';
export * from './params';
export * from './flops';
export * from './memory';
export * from './shape';
export * from './modelWarning';
export * from './modelConfig';
export { readHfConfig, isHfConfig, HF_MODEL_TYPES } from './hf';
export { readNanoGptConfig, nanoGptReportedParams, isNanoGptConfig } from './nanogpt';
export { readMegatronScript, isMegatronScript } from './megatron';
export { tokensForModel, type LawTokens } from './lawTokens';
export { modelReport, type ModelReport, type ModelReportOptions } from './modelReport';
export { modelLensLine, modelHoverMarkdown, lawTokenLines, SIZE_KEYS, LENS_LAW } from './modelPresent';
