/** IsoFLOP sweeps: plan, export to a scheduler, mock, analyse (Chinchilla Approach 2). */
export * from './config';
export * from './plan';
export * from './deps';
export * from './mock';
export * from './export';
