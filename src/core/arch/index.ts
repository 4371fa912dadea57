/** Architecture analysis: parameters, FLOPs per token, training memory, shapes. */
export * from './types';
export * from './params';
export * from './flops';
export * from './memory';
export * from './shape';
