/** Backward scaling: the config reader (config.ts) and the analysis from cluster and time budget to loss (analyse.ts). */
export * from './config';
export * from './analyse';
