/**
 * The fit forms offered to users: columns each needs, parameters, and the minimum number of rows accepted.
 * The models themselves (objective, grid, gradient) live in powerSum.ts, kaplan.ts, dataConstrained.ts and
 * overtraining.ts.
 */
import type { FormId, Model } from './model';
import { chinchillaModel, lossVsComputeModel } from './powerSum';
import { kaplanModel } from './kaplan';
import { dataConstrainedModel } from './dataConstrained';
import { overtrainingModel } from './overtraining';

export type { FormId } from './model';

export interface FormInfo {
  id: FormId;
  label: string;
  params: string[];
  needs: Array<'N' | 'D' | 'U' | 'C'>;
  minRows: number;
  formula: string;
}

export const FORMS: Record<FormId, FormInfo> = {
  chinchilla: {
    id: 'chinchilla',
    label: 'Chinchilla (Hoffmann et al. 2022, Approach 3)',
    params: ['E', 'A', 'B', 'alpha', 'beta'],
    needs: ['N', 'D'],
    minRows: 10,
    formula: 'L(N, D) = E + A/N^alpha + B/D^beta',
  },
  kaplan: {
    id: 'kaplan',
    label: 'Kaplan et al. 2020 (Eq. 1.5)',
    params: ['Nc', 'Dc', 'alphaN', 'alphaD'],
    needs: ['N', 'D'],
    minRows: 8,
    formula: 'L(N, D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD',
  },
  'data-constrained': {
    id: 'data-constrained',
    label: 'Data-constrained (Muennighoff et al. 2023, Eq. 5–7)',
    params: ['E', 'A', 'B', 'alpha', 'beta', 'RDstar', 'RNstar'],
    needs: ['N', 'D', 'U'],
    minRows: 10,
    formula: "L = E + A/N'^alpha + B/D'^beta, D' = U + U·RD*·(1 − exp(−R_D/RD*)), N' likewise with RN*",
  },
  'loss-vs-compute': {
    id: 'loss-vs-compute',
    label: 'Loss against compute',
    params: ['E', 'A', 'alpha'],
    needs: ['C'],
    minRows: 5,
    formula: 'L(C) = E + A·C^(−alpha)',
  },
  overtraining: {
    id: 'overtraining',
    label: 'Over-training (Gadre et al. 2024)',
    params: ['alpha', 'beta', 'b', 'E'],
    needs: ['N', 'D'],
    // The paper fits its 4 parameters to 5 runs.
    minRows: 5,
    formula: 'L(N, M) = alpha·N^b + beta·6^(b/2)·(M·N)^b + E, M = D/N  (= E + (a·M^η + beta·M^−η)·C^−η, C = 6ND, η = −b/2, a = alpha·6^η)',
  },
};

export const MODELS: Record<FormId, Model> = {
  chinchilla: chinchillaModel,
  kaplan: kaplanModel,
  'data-constrained': dataConstrainedModel,
  'loss-vs-compute': lossVsComputeModel,
  overtraining: overtrainingModel,
};

export function isFormId(s: string): s is FormId {
  return Object.prototype.hasOwnProperty.call(FORMS, s);
}
