/** Architecture analysis: parameters, FLOPs per token, training memory, shapes. */
export * from './types';
export * from './params';
export * from './flops';
export * from './memory';
export * from './shape';
export * from './modelWarning';
export { readHfConfig, isHfConfig, HF_MODEL_TYPES } from './hf';
export { readNanoGptConfig, nanoGptReportedParams, isNanoGptConfig } from './nanogpt';
export { readMegatronScript, isMegatronScript } from './megatron';
