/**
 * Each law's compute-optimal frontier C → (N*, D*), the loss it predicts there, and (for laws with a
 * loss surface) the surface used by the equal-loss solvers. Closed forms where the paper has one.
 */
import { chinchillaOptimal } from '../laws/forms';
import { APPROACH1_A, APPROACH1_K, APPROACH2_A, APPROACH2_K } from '../laws/hoffmann2022';
import { kaplanFrontierLoss, kaplanPublishedLoss, kaplanOptimalParams } from '../laws/kaplan2020';
import { DEEPSEEK } from '../laws/deepseek2024';
import { LLAMA3 } from '../laws/llama3';
import { PORIAN } from '../laws/porian2024';
import { chinchillaParamsFor, dataConstrainedParamsFor, type LawContext, type LawId } from '../laws';
import { dataConstrainedOptimum } from './dataConstrained';
import { chinchillaSurface, dataConstrainedSurface, type LossSurface } from './surface';

export interface FrontierPoint {
  N: number;
  D: number;
  loss: number | null;
  /** ln(loss − model.floor): the precise way to compare qualities near a floor (null without a loss). */
  logExcess: number | null;
  method: string;
  extra: Record<string, unknown>;
}

export interface LawModel {
  id: LawId;
  optimum(C: number): FrontierPoint;
  /** Present when the law has a loss L(N, D) that the allocation is derived from. */
  surface?: LossSurface;
  /** Lowest loss the frontier reaches (undefined when the law predicts no loss). */
  floor?: number;
}

/** N = k·C^a and D = C/(6N): the frontier-only laws that publish N*(C). */
function powerInN(id: LawId, k: number, a: number, method: string): LawModel {
  return {
    id,
    optimum: (C) => {
      const N = k * Math.pow(C, a);
      return { N, D: C / (6 * N), loss: null, logExcess: null, method, extra: {} };
    },
  };
}

/**
 * The allocation model of a law in a context. `ctx` must already be resolved (resolveLawContext fills
 * in ATLAS's language and per-language data cap); uniqueTokens only affects laws that model repetition.
 */
export function lawModel(id: LawId, ctx: LawContext): LawModel {
  switch (id) {
    case 'hoffmann2022-a1':
      return powerInN(id, APPROACH1_K, APPROACH1_A, 'power law N = k·C^0.50 (Table 2; k fitted to Table 3)');
    case 'hoffmann2022-a2':
      return powerInN(id, APPROACH2_K, APPROACH2_A, 'power law N = k·C^0.49 (Table 2; k fitted to Table A3)');
    case 'porian2024':
      return powerInN(id, PORIAN.refinedweb.nCoef, PORIAN.refinedweb.a, 'power law N = 0.1189·C^0.4969 (RefinedWeb)');
    case 'llama3-2024':
      return {
        id,
        optimum: (C) => {
          const D = LLAMA3.dCoef * Math.pow(C, LLAMA3.dExp);
          return { N: C / (6 * D), D, loss: null, logExcess: null, method: 'power law D = 0.299·C^0.537 (Fig. 3), N = C/(6D)', extra: {} };
        },
      };
    case 'deepseek2024':
      return {
        id,
        optimum: (C) => {
          const M = DEEPSEEK.mCoef * Math.pow(C, DEEPSEEK.mExp);
          // C = M·D by definition; D from C/M keeps the budget exact (the printed D_opt agrees to 1e-4).
          const D = C / M;
          return {
            N: M / 6,
            D,
            loss: null,
            logExcess: null,
            method: 'power law M = 0.1715·C^0.5243 (Eq. 4), N ≈ M/6',
            extra: {
              M,
              DPrinted: DEEPSEEK.dCoef * Math.pow(C, DEEPSEEK.dExp),
              optimalBatchTokens: DEEPSEEK.batchCoef * Math.pow(C, DEEPSEEK.batchExp),
              optimalLearningRate: DEEPSEEK.lrCoef * Math.pow(C, DEEPSEEK.lrExp),
            },
          };
        },
      };
    case 'kaplan2020':
      return {
        id,
        optimum: (C) => {
          const N = kaplanOptimalParams(C);
          const D = C / (6 * N);
          // The row's loss is the joint fit at the recommended (N, D), so it equals lawLoss('kaplan2020', N, D).
          // The frontier fit L(C_min) is a different fit of the same paper; it is kept, labelled, as an extra.
          const loss = kaplanPublishedLoss(N, D);
          return {
            N,
            D,
            loss,
            logExcess: Math.log(loss),
            method: 'power law N = 1.3e9·C_PF-day^0.73 (Eq. 6.1, Fig. 14), D = C/(6N); loss L(N, D) (Eq. 1.5, Table 2)',
            extra: { frontierLoss: kaplanFrontierLoss(C), frontierLossSource: 'Kaplan Eq. 1.3, L(C_min) = (3.1e8/C_PF-day)^0.050' },
          };
        },
        floor: 0,
      };
    default:
      return chinchillaFormModel(id, ctx);
  }
}

function chinchillaFormModel(id: LawId, ctx: LawContext): LawModel {
  const p = chinchillaParamsFor(id, ctx);
  if (!p) throw new Error(`internal: no allocation model for law '${id}'`);
  const dc = ctx.uniqueTokens !== undefined ? dataConstrainedParamsFor(id, ctx) : null;
  if (dc) {
    const U = ctx.uniqueTokens as number;
    const surface = dataConstrainedSurface(dc, U);
    return {
      id,
      surface,
      floor: surface.floor,
      optimum: (C) => {
        const o = dataConstrainedOptimum(dc, C, U);
        return {
          N: o.N,
          D: o.D,
          loss: o.loss,
          logExcess: o.logExcess,
          method: o.constrained
            ? 'numeric: data-constrained loss (Muennighoff Eq. 5–7) minimised along C = 6ND'
            : 'closed form (Eq. 4); D* ≤ U so no repetition',
          extra: { epochs: o.epochs, uniqueTokens: U },
        };
      },
    };
  }
  const surface = chinchillaSurface(p);
  return {
    id,
    surface,
    floor: p.E,
    optimum: (C) => {
      const o = chinchillaOptimal(p, C);
      return { N: o.N, D: o.D, loss: o.loss, logExcess: surface.logExcess(o.N, o.D), method: 'closed form (Eq. 4)', extra: {} };
    },
  };
}
