/**
 * What is shown for a framework model config (CLI `forward` and the editor): the report (counts, FLOPs,
 * memory, tokens per law) and its presentation. Above src/core/arch and src/core/allocation, which it
 * combines; the readers themselves live in src/core/arch, the located analysis in src/core/config.
 */
export { tokensForModel, type LawTokens } from './lawTokens';
export { modelReport, type ModelReport, type ModelReportOptions } from './report';
export { modelLensLine, modelHoverMarkdown, lawTokenLines, SIZE_KEYS, LENS_LAW } from './present';
