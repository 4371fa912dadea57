/**
 * The worker's requests besides fits: plan a sweep config ('planSweep'), analyse an IsoFLOP results CSV
 * ('isoflop': the thinned analysis; 'isoflopView': the panel's view model of it, built here by the entry's
 * builder so the extension host only relays it to the webview).
 */
import { readSource } from '../csv/source';
import type { RequestContext, RequestHandler } from '../fit/workerProtocol';
import { DEFAULT_PLAN_DEPS } from '../sweep/deps';
import { parseSweepConfig } from '../sweep/config';
import { planSweep } from '../sweep/plan';
import { analyseResults, type AnalysedResults } from '../isoflop/results';
import type { IsoflopRequest, IsoflopViewRequest, PlannedSweep, PlanSweepRequest } from './protocol';

/** Builds the IsoFLOP panel's view model from an analysis (src/extension/sweeps/view.ts; opaque to the core). */
export type IsoflopViewBuilder = (results: AnalysedResults, fileName: string) => unknown;

const analyse = async (req: IsoflopRequest | IsoflopViewRequest, ctx: RequestContext): Promise<AnalysedResults> =>
  analyseResults(await readSource(req.source), req.fileName, req.options, ctx.signal);

export function taskHandlers(isoflopView?: IsoflopViewBuilder): Record<string, RequestHandler> {
  return {
    planSweep: (req: PlanSweepRequest): PlannedSweep => {
      const config = parseSweepConfig(req.text, req.fileName);
      return { config, plan: planSweep(config, DEFAULT_PLAN_DEPS) };
    },
    isoflop: analyse,
    ...(isoflopView ? { isoflopView: async (req: IsoflopViewRequest, ctx: RequestContext) => isoflopView(await analyse(req, ctx), req.fileName) } : {}),
  };
}
