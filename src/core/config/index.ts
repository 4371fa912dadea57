/** Config files: JSONC parsing with located errors, normalisation, analysis, editor presentation, templates. */
export * from './jsonc';
export * from './issues';
export * from './analyse';
export * from './present';
export * from './templates';
export * from './modelConfig';
