import {
  defaultModelRegistry,
  type ImageRequestBuilder,
  type ModelRules,
  type ValidationIssue,
} from '@tokenhub/image-core';
import type { UseImageGenerationResult } from '@tokenhub/image-react';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { buildRequest } from '../form/build-request';
import { type FormState, isUnresolvedFailure, type ReferenceImage } from '../form/form-state';
import { type FieldId, issuesByField } from '../form/issue-fields';
import { modelControls } from '../form/model-controls';
import { reconcileWithModel } from '../form/reconcile-model';
import type { Scenario } from '../scenarios';
import { describedBy, FieldMessages } from './FieldMessages';
import { ReferenceImages } from './ReferenceImages';
import { RequestPreview } from './RequestPreview';
import { RunStatus } from './RunStatus';

const knownModels = defaultModelRegistry.list();

interface ScenarioFormProps {
  scenario: Scenario;
  form: FormState;
  onChange: (update: (form: FormState) => FormState) => void;
  generation: UseImageGenerationResult;
  onGenerate: (builder: ImageRequestBuilder) => void;
  onCancel: () => void;
  cancelled: boolean;
  maxRetries: number;
  /** Whether the latest run was started from this tab (only then its status shows here). */
  ownsRun: boolean;
  /** The label of another tab whose run is in progress, if any. */
  runningIn: string | undefined;
  /** Shown between the form and the request preview (the results, on narrow screens). */
  afterForm?: ReactNode;
}

/**
 * Issues the demo adds to the core's: a scenario with reference images needs at least one, and an
 * image this browser could not load is sent only once the person chose to.
 */
function scenarioIssues(scenario: Scenario, form: FormState): ValidationIssue[] {
  if (!scenario.images) return [];
  const issues: ValidationIssue[] = [];
  if (form.images.length < scenario.images.min) {
    issues.push({
      path: 'images',
      rule: 'scenario-needs-image',
      message: `${scenario.label} needs at least ${scenario.images.min} reference image: add one by URL, file or drag and drop`,
    });
  }
  form.images.forEach((image, index) => {
    if (!isUnresolvedFailure(image)) return;
    issues.push({
      // Content item `index` is image `index` (see buildRequest), so the issue sits on that image.
      path: `input.messages[0].content[${index}]`,
      rule: 'image-not-loaded',
      message: `Image ${index + 1} did not load in this browser: remove it, or tick "Send Image ${index + 1} anyway"`,
    });
  });
  return issues;
}

/** The model's description and the limits that matter in this scenario. */
function modelSummary(rules: ModelRules, scenario: Scenario, nMax: number): string {
  const limits = [`n up to ${nMax}`];
  if (scenario.images)
    limits.unshift(
      `${Math.max(rules.images.min, scenario.images.min)} to ${rules.images.max} reference images`,
    );
  if (scenario.boxes && rules.maxBoxesPerImage)
    limits.push(`${rules.maxBoxesPerImage} boxes per image`);
  return `${rules.description ?? rules.model}. Here: ${limits.join(', ')}.`;
}

/** One scenario: the form whose controls follow the model's rules, the live preview, run controls. */
export function ScenarioForm({
  scenario,
  form,
  onChange: onFormChange,
  generation,
  onGenerate,
  onCancel,
  cancelled,
  maxRetries,
  ownsRun,
  runningIn,
  afterForm,
}: ScenarioFormProps) {
  const id = scenario.id;
  const imageCount = scenario.images ? form.images.length : 0;
  const controls = useMemo(
    () => modelControls(form.model, scenario, imageCount),
    [form.model, scenario, imageCount],
  );
  const builder = useMemo(() => buildRequest(form, scenario, controls), [form, scenario, controls]);
  const validation = useMemo(() => builder.validate(), [builder]);
  const errorList = [...scenarioIssues(scenario, form), ...validation.errors];
  const errors = issuesByField(errorList, imageCount);
  const warnings = issuesByField(validation.warnings, imageCount);
  const [blocked, setBlocked] = useState(false);
  const [modelNotices, setModelNotices] = useState<string[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const onChange = (update: (form: FormState) => FormState) => {
    setBlocked(false);
    onFormChange(update);
  };
  // A new model resets the settings it refuses (the person did not cause those errors) and says so.
  const changeModel = (model: string) => {
    const reconciled = reconcileWithModel(
      { ...form, model },
      modelControls(model, scenario, imageCount),
    );
    setModelNotices(reconciled.notices);
    onChange(() => reconciled.form);
  };

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    onChange((current) => ({ ...current, [key]: value }));
  const fieldErrors = (field: FieldId) => errors.get(field) ?? [];
  const fieldId = (field: string) => `${id}-${field}`;

  const rules = controls.rules;
  const sizeSelectValue = form.customSize ? 'custom' : form.size;
  const tierOptions =
    form.size !== '' && !form.customSize && !controls.tiers.includes(form.size)
      ? [...controls.tiers, form.size]
      : controls.tiers;

  const submit = () => {
    if (errorList.length > 0) {
      setBlocked(true);
      // Focus the first field with an error so keyboard and screen reader users land on it.
      const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      return;
    }
    setBlocked(false);
    onGenerate(builder);
  };

  return (
    <div className="scenario">
      <form
        ref={formRef}
        className="card form"
        noValidate
        aria-labelledby={`${id}-form-title`}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 id={`${id}-form-title`}>{scenario.label}</h2>
        <p className="muted">{scenario.description}</p>

        <div className="field">
          <label htmlFor={fieldId('model')}>Model</label>
          <input
            id={fieldId('model')}
            list={fieldId('models')}
            value={form.model}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => changeModel(event.target.value)}
            {...describedBy(fieldId('model'), fieldErrors('model'), fieldId('model-hint'))}
          />
          <datalist id={fieldId('models')}>
            {knownModels.map((model) => (
              <option key={model.model} value={model.model} />
            ))}
          </datalist>
          <p className="hint small" id={fieldId('model-hint')}>
            {rules
              ? modelSummary(rules, scenario, controls.nMax)
              : 'A model these rules do not know (any name, also provider/model): only the request shape is checked here.'}
          </p>
          <FieldMessages
            fieldId={fieldId('model')}
            errors={fieldErrors('model')}
            warnings={warnings.get('model')}
          />
          <p role="status" className="notice small" data-testid="model-notice">
            {modelNotices.join(' ')}
          </p>
        </div>

        {scenario.images && (
          <ReferenceImages
            idPrefix={id}
            images={form.images}
            onChange={(update: (images: ReferenceImage[]) => ReferenceImage[]) =>
              onChange((current) => ({ ...current, images: update(current.images) }))
            }
            maxImages={Math.max(controls.maxImages, 1)}
            boxes={scenario.boxes ? { maxBoxes: controls.maxBoxesPerImage } : undefined}
            errors={errors}
            warnings={warnings}
          />
        )}

        <div className="field">
          <label htmlFor={fieldId('prompt')}>Prompt</label>
          <textarea
            id={fieldId('prompt')}
            rows={3}
            value={form.prompt}
            onChange={(event) => set('prompt', event.target.value)}
            {...describedBy(fieldId('prompt'), fieldErrors('prompt'))}
          />
          <FieldMessages
            fieldId={fieldId('prompt')}
            errors={fieldErrors('prompt')}
            warnings={warnings.get('prompt')}
          />
        </div>

        {controls.negativePrompt && (
          <div className="field">
            <label htmlFor={fieldId('negative')}>Negative prompt (optional)</label>
            <input
              id={fieldId('negative')}
              value={form.negativePrompt}
              onChange={(event) => set('negativePrompt', event.target.value)}
              {...describedBy(fieldId('negative'), fieldErrors('negativePrompt'))}
            />
            <FieldMessages
              fieldId={fieldId('negative')}
              errors={fieldErrors('negativePrompt')}
              warnings={warnings.get('negativePrompt')}
            />
          </div>
        )}

        <div className="row">
          {controls.size && (
            <div className="field">
              <label htmlFor={fieldId('size')}>Size</label>
              <select
                id={fieldId('size')}
                value={sizeSelectValue}
                onChange={(event) => {
                  const value = event.target.value;
                  onChange((current) =>
                    value === 'custom'
                      ? { ...current, customSize: true, size: '' }
                      : { ...current, customSize: false, size: value },
                  );
                }}
                {...describedBy(
                  fieldId('size'),
                  form.customSize ? [] : fieldErrors('size'),
                  controls.tierNotes.length > 0 ? fieldId('size-hint') : undefined,
                )}
              >
                <option value="">Model default</option>
                {tierOptions.map((tier) => (
                  <option key={tier} value={tier}>
                    {tier}
                  </option>
                ))}
                {controls.explicitSize && <option value="custom">Custom width*height…</option>}
              </select>
              {form.customSize && (
                <>
                  <label htmlFor={fieldId('size-custom')} className="small">
                    Width*height in pixels
                  </label>
                  <input
                    id={fieldId('size-custom')}
                    value={form.size}
                    placeholder="1280*720"
                    onChange={(event) => set('size', event.target.value)}
                    {...describedBy(fieldId('size-custom'), fieldErrors('size'))}
                  />
                </>
              )}
              {controls.tierNotes.length > 0 && (
                <p className="hint small" id={fieldId('size-hint')}>
                  {controls.tierNotes.join(' ')}
                </p>
              )}
              <FieldMessages
                fieldId={form.customSize ? fieldId('size-custom') : fieldId('size')}
                errors={fieldErrors('size')}
                warnings={warnings.get('size')}
              />
            </div>
          )}

          <div className="field">
            <label htmlFor={fieldId('n')}>
              {scenario.sequential ? 'Images in the set (n)' : 'Images (n)'}
            </label>
            <input
              id={fieldId('n')}
              type="number"
              inputMode="numeric"
              min={1}
              max={controls.nMax}
              value={form.n}
              onChange={(event) => set('n', event.target.value)}
              {...describedBy(fieldId('n'), fieldErrors('n'), fieldId('n-hint'))}
            />
            <p className="hint small" id={fieldId('n-hint')}>
              1 to {controls.nMax}
            </p>
            <FieldMessages
              fieldId={fieldId('n')}
              errors={fieldErrors('n')}
              warnings={warnings.get('n')}
            />
          </div>

          {controls.seed && (
            <div className="field">
              <label htmlFor={fieldId('seed')}>Seed (optional)</label>
              <input
                id={fieldId('seed')}
                type="number"
                inputMode="numeric"
                min={0}
                value={form.seed}
                onChange={(event) => set('seed', event.target.value)}
                {...describedBy(fieldId('seed'), fieldErrors('seed'))}
              />
              <FieldMessages
                fieldId={fieldId('seed')}
                errors={fieldErrors('seed')}
                warnings={warnings.get('seed')}
              />
            </div>
          )}
        </div>

        <div className="checks">
          {controls.thinkingMode && (
            <label className="check">
              <input
                type="checkbox"
                checked={form.thinkingMode}
                onChange={(event) => set('thinkingMode', event.target.checked)}
              />
              Thinking mode (better composition, slower)
            </label>
          )}
          {controls.promptExtend && (
            <label className="check">
              <input
                type="checkbox"
                checked={form.promptExtend}
                onChange={(event) => set('promptExtend', event.target.checked)}
              />
              Extend the prompt
            </label>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={form.watermark}
              onChange={(event) => set('watermark', event.target.checked)}
            />
            Watermark
          </label>
        </div>
        <FieldMessages fieldId={fieldId('thinking')} warnings={warnings.get('thinkingMode')} />
        <FieldMessages
          fieldId={fieldId('other')}
          errors={fieldErrors('form')}
          warnings={warnings.get('form')}
        />
        {scenario.sequential && !controls.sequential && (
          <p className="hint small">
            {form.model} makes no image sets; pick wan2.7-image or wan2.7-image-pro for group
            generation.
          </p>
        )}

        <div className="actions">
          <button type="submit" className="button button-primary">
            Generate
          </button>
          {ownsRun && generation.isPending && (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
        {blocked && errorList.length > 0 && (
          <p role="alert" className="issue issue-error" data-testid="blocked">
            Nothing was sent: fix{' '}
            {errorList.length === 1 ? 'the error' : `the ${errorList.length} errors`} marked above
            first.
          </p>
        )}
        {runningIn && generation.isPending && (
          <p className="hint small">
            A run from {runningIn} is in progress; Generate here replaces it.
          </p>
        )}
        <RunStatus
          idPrefix={id}
          generation={generation}
          cancelled={cancelled}
          maxRetries={maxRetries}
          // A blocked attempt here supersedes this tab's earlier outcome, never a run in progress.
          shown={ownsRun && (generation.isPending || !blocked)}
        />
      </form>
      {afterForm}
      <RequestPreview idPrefix={id} builder={builder} />
    </div>
  );
}
