/**
 * Kaplan et al. 2020 (arXiv 2001.08361, Eq. 1.5 / Table 2) joint law
 *   L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D,
 * fitted like the Chinchilla form: Huber_δ on log L with log L̂ = α_D·LSE(p·(ln N_c − ln N), ln D_c − ln D),
 * p = α_N/α_D. θ = [ln N_c, ln D_c, α_N, α_D]. Gradient (w = softmax weights of the two terms, S = LSE):
 *   ∂/∂ln N_c = α_N·w₁,  ∂/∂ln D_c = α_D·w₂,  ∂/∂α_N = w₁·(ln N_c − ln N),  ∂/∂α_D = S − w₁·u₁.
 * Paper values for reference: α_N = 0.076, α_D = 0.103, N_c = 6.4e13, D_c = 1.8e13 (non-embedding N).
 */
import { rowLoss, rowLossGrad } from './huber';
import type { FitForm } from './model';
import { allocateBySearch, cartesian, fmtParam, tex } from './powerSum';

export function kaplanLoss(p: { Nc: number; Dc: number; alphaN: number; alphaD: number }, N: number, D: number): number {
  return Math.pow(Math.pow(p.Nc / N, p.alphaN / p.alphaD) + p.Dc / D, p.alphaD);
}

const law = (p: Record<string, number>) => ({ Nc: p.Nc, Dc: p.Dc, alphaN: p.alphaN, alphaD: p.alphaD });

export const kaplanForm: FitForm = {
  id: 'kaplan',
  label: 'Kaplan et al. 2020 (Eq. 1.5)',
  params: ['Nc', 'Dc', 'alphaN', 'alphaD'],
  needs: ['N', 'D'],
  minRows: 8,
  formula: 'L(N, D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD',
  text: (p) => `L(N, D) = [(${fmtParam(p.Nc)} / N)^(${fmtParam(p.alphaN)}/${fmtParam(p.alphaD)}) + ${fmtParam(p.Dc)} / D]^${fmtParam(p.alphaD)}`,
  latex: (p) => `L(N, D) = \\left[\\left(\\frac{${tex(p.Nc)}}{N}\\right)^{${tex(p.alphaN)}/${tex(p.alphaD)}} + \\frac{${tex(p.Dc)}}{D}\\right]^{${tex(p.alphaD)}}`,
  allocate: (p, C) => allocateBySearch((N, D) => kaplanLoss(law(p), N, D), C),
  internal: ['lnNc', 'lnDc', 'alphaN', 'alphaD'],
  toPublic: (t) => ({ Nc: Math.exp(t[0]), Dc: Math.exp(t[1]), alphaN: t[2], alphaD: t[3] }),
  fixInternal: (name, value) => {
    const index = ({ Nc: 0, Dc: 1, alphaN: 2, alphaD: 3 } as Record<string, number>)[name];
    return index === undefined ? null : { index, value: index < 2 ? Math.log(value) : value };
  },
  centers: () => [],
  starts: () => {
    const logs = [10, 15, 20, 25, 30, 35, 40, 45];
    const exps = [0.03, 0.06, 0.1, 0.2, 0.4];
    return cartesian([logs, logs, exps, exps]);
  },
  gridLabel: 'ln N_c, ln D_c ∈ {10, 15, …, 45}, α_N, α_D ∈ {0.03, 0.06, 0.1, 0.2, 0.4} (1,600 points)',
  objective: (d, loss, w) => {
    const { lnN, lnD, y, n } = d;
    return (th, grad) => {
      const [lnNc, lnDc, aN, aD] = [th[0], th[1], th[2], th[3]];
      const p = aN / aD;
      let f = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0;
      for (let i = 0; i < n; i++) {
        const wi = w ? w[i] : 1;
        if (wi === 0) continue;
        const u1 = p * (lnNc - lnN[i]);
        const u2 = lnDc - lnD[i];
        const m = Math.max(u1, u2);
        const q1 = Math.exp(u1 - m), q2 = Math.exp(u2 - m);
        const s = q1 + q2;
        const S = m + Math.log(s);
        const r = aD * S - y[i];
        f += wi * rowLoss(loss, r, y[i]);
        if (grad) {
          const h = wi * rowLossGrad(loss, r, y[i]);
          const w1 = q1 / s, w2 = q2 / s;
          g0 += h * aN * w1;
          g1 += h * aD * w2;
          g2 += h * w1 * (lnNc - lnN[i]);
          g3 += h * (S - w1 * u1);
        }
      }
      grad?.set([g0, g1, g2, g3]);
      return f;
    };
  },
  predict: (p, N, D) => kaplanLoss(law(p), N, D),
  exponents: ['alphaN', 'alphaD'],
};
