/** Fitting a form to a newly chosen model: settings the model refuses go back to a value it takes. Pure. */
import { parseWholeNumber } from './build-request';
import type { FormState } from './form-state';
import type { ModelControls } from './model-controls';

/** The form after a model change, and one short sentence per setting that was changed. */
export interface Reconciled {
  form: FormState;
  notices: string[];
}

/**
 * Resets what the person picked from a list the new model no longer offers: a size tier, the
 * custom size when the model takes no width*height, and `n` above the model's maximum. A model
 * that takes no size at all is sent none, so the size stays for the next model. Values the
 * person typed (a custom size, a prompt) stay: their errors are theirs to fix. Models these rules
 * do not know change nothing.
 */
export function reconcileWithModel(form: FormState, controls: ModelControls): Reconciled {
  const { rules } = controls;
  if (!rules) return { form, notices: [] };
  let next = form;
  const notices: string[] = [];
  const model = rules.model;
  // A model that takes no size is sent none (the field is hidden), so the choice can stay.
  if (controls.size && form.customSize && !controls.explicitSize) {
    next = { ...next, size: '', customSize: false };
    notices.push(`Size reset to the model default: ${model} takes no custom width*height.`);
  } else if (
    controls.size &&
    !form.customSize &&
    form.size !== '' &&
    !controls.tiers.includes(form.size)
  ) {
    next = { ...next, size: '' };
    notices.push(`Size ${form.size} reset to the model default: ${model} does not offer it here.`);
  }
  const n = parseWholeNumber(form.n);
  if (n !== undefined && n > controls.nMax) {
    next = { ...next, n: String(controls.nMax) };
    notices.push(`Images (n) ${n} lowered to ${controls.nMax}, the most ${model} makes here.`);
  }
  return { form: next, notices };
}
