import { BboxPicker } from '@tokenhub/bbox-picker';
import type { ValidationIssue } from '@tokenhub/image-core';
import { type DragEvent, useState } from 'react';
import type { ReferenceImage } from '../form/form-state';
import type { FieldId } from '../form/issue-fields';
import { addedNotice, fitToSlots } from '../images/free-slots';
import { loadReferenceImage } from '../images/image-load';
import {
  IMAGE_FILE_ACCEPT,
  imageFileProblem,
  imageSourceFromURL,
  readAsDataURI,
} from '../images/read-image-file';
import { sampleImages } from '../scenarios';
import { describedBy, FieldMessages } from './FieldMessages';
import { UnloadedImage } from './UnloadedImage';

interface ReferenceImagesProps {
  idPrefix: string;
  images: ReferenceImage[];
  onChange: (update: (images: ReferenceImage[]) => ReferenceImage[]) => void;
  maxImages: number;
  /** Show a box picker on each image, with this limit per image (undefined: no limit). */
  boxes: { maxBoxes: number | undefined } | undefined;
  errors: Map<FieldId, ValidationIssue[]>;
  warnings: Map<FieldId, ValidationIssue[]>;
}

/** Reference images: add by URL, file picker or drag and drop; boxes on each in interactive editing. */
export function ReferenceImages({
  idPrefix,
  images,
  onChange,
  maxImages,
  boxes,
  errors,
  warnings,
}: ReferenceImagesProps) {
  const [url, setURL] = useState('');
  const [notice, setNotice] = useState('');
  const [dragging, setDragging] = useState(false);
  const free = maxImages - images.length;
  const full = free <= 0;
  const fieldId = `${idPrefix}-images`;

  const add = (added: ReferenceImage[]) => {
    if (added.length === 0) return;
    onChange((current) => [...current, ...added]);
  };
  /** What to add to the notice when some of the images just added did not load. */
  const failedNote = (added: readonly ReferenceImage[]) => {
    const failed = added.filter((image) => image.load.state === 'failed').length;
    if (failed === 0) return '';
    if (added.length === 1) return ' It did not load in this browser: see its message.';
    return ` ${failed} of them did not load in this browser: see their messages.`;
  };

  const addFiles = async (files: readonly File[]) => {
    const problems: string[] = [];
    const usable: File[] = [];
    for (const file of files) {
      const problem = imageFileProblem(file);
      if (problem) problems.push(problem);
      else usable.push(file);
    }
    const { fitting, leftOut } = fitToSlots(usable, free);
    const added: ReferenceImage[] = [];
    for (const file of fitting) {
      added.push(await loadReferenceImage(file.name, await readAsDataURI(file)));
    }
    add(added);
    const summary =
      added.length > 0 || leftOut > 0 || problems.length === 0
        ? `${addedNotice(added.length, leftOut, maxImages)}${failedNote(added)}`
        : '';
    setNotice([summary, ...problems].filter(Boolean).join(' '));
  };

  const addURL = async (value: string) => {
    const trimmed = value.trim();
    if (trimmed === '') {
      setNotice('Type an image URL first.');
      return;
    }
    if (full) {
      setNotice(addedNotice(0, 1, maxImages));
      return;
    }
    try {
      const image = await loadReferenceImage(
        trimmed,
        await imageSourceFromURL(trimmed, window.location.href),
      );
      add([image]);
      setURL('');
      setNotice(`Added ${trimmed}.${failedNote([image])}`);
    } catch (error) {
      setNotice(`Could not add ${trimmed}: ${(error as Error).message}`);
    }
  };

  const addSamples = async () => {
    try {
      const { fitting, leftOut } = fitToSlots(sampleImages, free);
      const added = await Promise.all(
        fitting.map(async (sample) =>
          loadReferenceImage(
            sample.name,
            await imageSourceFromURL(sample.url, window.location.href),
          ),
        ),
      );
      add(added);
      setNotice(
        leftOut === 0 ? 'Added the sample images.' : addedNotice(added.length, leftOut, maxImages),
      );
    } catch (error) {
      setNotice(`Could not load the samples: ${(error as Error).message}`);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) {
      void addFiles(files);
      return;
    }
    const dropped =
      event.dataTransfer.getData('text/uri-list') || event.dataTransfer.getData('text/plain');
    if (dropped) void addURL(dropped.split('\n')[0] ?? '');
  };

  const groupErrors = errors.get('images') ?? [];
  return (
    <fieldset
      className="images"
      aria-describedby={groupErrors.length > 0 ? `${fieldId}-messages` : undefined}
    >
      <legend>
        Reference images{' '}
        <span className="muted small">
          ({images.length} of at most {maxImages})
        </span>
      </legend>
      <FieldMessages fieldId={fieldId} errors={groupErrors} warnings={warnings.get('images')} />
      {boxes && (
        <p className="hint small" id={`${fieldId}-box-hint`}>
          Drag on an image to draw a box where the edit should go
          {boxes.maxBoxes !== undefined
            ? ` (at most ${boxes.maxBoxes} per image for this model)`
            : ''}
          . Boxes are sent in pixels of the original image. Keyboard: Tab to a box, arrows move it,
          Alt+arrows resize, Delete removes.
        </p>
      )}
      {images.length > 0 && (
        <ol className="image-list">
          {images.map((image, index) => {
            const itemId = `${fieldId}-${index}`;
            const label = `Image ${index + 1}`;
            const itemErrors = errors.get(`image-${index}`) ?? [];
            return (
              <li key={image.id} className="image-item" data-testid="reference-image">
                <div className="image-head">
                  <h3 id={`${itemId}-title`} className="image-title">
                    {label} <span className="muted small">{image.name.slice(0, 60)}</span>
                  </h3>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() =>
                      onChange((current) => current.filter((item) => item.id !== image.id))
                    }
                  >
                    Remove<span className="visually-hidden"> {label}</span>
                  </button>
                </div>
                {image.load.state === 'failed' ? (
                  <UnloadedImage
                    itemId={itemId}
                    image={image}
                    label={label}
                    boxes={boxes !== undefined}
                    errors={itemErrors}
                    onKeep={(kept) =>
                      onChange((current) =>
                        current.map((item) =>
                          item.id === image.id
                            ? { ...item, load: { state: 'failed', kept } }
                            : item,
                        ),
                      )
                    }
                  />
                ) : boxes ? (
                  <>
                    <BboxPicker
                      src={image.src}
                      alt={`${label}: ${image.name}`}
                      value={image.boxes}
                      maxBoxes={boxes.maxBoxes}
                      onChange={(next) =>
                        onChange((current) =>
                          current.map((item) =>
                            item.id === image.id ? { ...item, boxes: next } : item,
                          ),
                        )
                      }
                      className="picker"
                      labels={{ group: `Boxes on ${label}` }}
                    />
                    <p className="small muted" data-testid="box-summary">
                      {image.boxes.length === 0
                        ? 'No boxes'
                        : `Boxes in original pixels: ${image.boxes.map((box) => `[${box.join(', ')}]`).join(' ')}`}
                    </p>
                  </>
                ) : (
                  <img src={image.src} alt={`${label}: ${image.name}`} className="thumb" />
                )}
                <FieldMessages
                  fieldId={itemId}
                  errors={itemErrors}
                  warnings={warnings.get(`image-${index}`)}
                />
              </li>
            );
          })}
        </ol>
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the URL field and file picker inside are the keyboard path */}
      <div
        className="dropzone"
        data-dragging={dragging || undefined}
        data-testid="dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="add-row">
          <label htmlFor={`${fieldId}-url`}>Image URL</label>
          <input
            id={`${fieldId}-url`}
            type="url"
            inputMode="url"
            placeholder="https://… or /samples/room.png"
            value={url}
            disabled={full}
            onChange={(event) => setURL(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void addURL(url);
              }
            }}
          />
          <button type="button" className="button" disabled={full} onClick={() => void addURL(url)}>
            Add URL
          </button>
        </div>
        <div className="add-row">
          <label className="button file-button" data-disabled={full || undefined}>
            Choose files…
            <input
              type="file"
              multiple
              accept={IMAGE_FILE_ACCEPT}
              className="visually-hidden"
              disabled={full}
              {...describedBy(`${fieldId}-file`, [], `${fieldId}-drop-hint`)}
              onChange={(event) => {
                const files = [...(event.target.files ?? [])];
                event.target.value = '';
                void addFiles(files);
              }}
            />
          </label>
          <button
            type="button"
            className="button"
            disabled={full}
            onClick={() => void addSamples()}
          >
            Add sample images
          </button>
        </div>
        <p className="small muted" id={`${fieldId}-drop-hint`}>
          Or drop image files here. JPEG, PNG, BMP or WebP up to 20 MB; files are sent as data URIs.
        </p>
        <p role="status" className="notice small" data-testid="image-notice">
          {notice}
        </p>
      </div>
    </fieldset>
  );
}
