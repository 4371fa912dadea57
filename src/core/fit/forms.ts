/**
 * The registry of fit forms. Each form is one file beside this one (*Form.ts) exporting a FitForm (./model.ts);
 * adding a form = that file + one line here.
 */
import type { FitForm } from './model';
import { chinchillaForm } from './chinchillaForm';
import { kaplanForm } from './kaplanForm';
import { dataConstrainedForm } from './dataConstrainedForm';
import { lossVsComputeForm } from './lossVsComputeForm';
import { overtrainingForm } from './overtrainingForm';

export const FIT_FORMS = {
  chinchilla: chinchillaForm,
  kaplan: kaplanForm,
  'data-constrained': dataConstrainedForm,
  'loss-vs-compute': lossVsComputeForm,
  overtraining: overtrainingForm,
} satisfies Record<string, FitForm>;

export type FormId = keyof typeof FIT_FORMS;

/** Forms by id (the engine and views read everything about a form from here). */
export const FORMS: Record<FormId, FitForm> = FIT_FORMS;
/** Older name of the same registry (engine code calls a form's fitting half its "model"). */
export const MODELS: Record<FormId, FitForm> = FIT_FORMS;

export function isFormId(s: string): s is FormId {
  return Object.prototype.hasOwnProperty.call(FIT_FORMS, s);
}
