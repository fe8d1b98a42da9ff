import axe from 'axe-core';
import type React from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import '../../src/styles.css';
import { BboxPicker } from '../../src/BboxPicker';
import { testImage } from '../../src/stories/test-image';
import { waitForImage } from './helpers';

const photo = testImage(4000, 3000);

async function violations() {
  const result = await axe.run(document.body);
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('accessibility', () => {
  it('has zero axe violations with boxes, a selection, handles, remove button and the max hint', async () => {
    await render(
      <main>
        <BboxPicker
          src={photo}
          alt="Test photo"
          style={{ width: 500 }}
          maxBoxes={2}
          defaultValue={[
            [100, 100, 1500, 1200],
            [2000, 1500, 3500, 2800],
          ]}
        />
      </main>,
    );
    await waitForImage();
    await userEvent.keyboard('{Tab}');
    expect(document.querySelector('.bbox-picker__remove')).not.toBeNull();
    expect(document.querySelector('.bbox-picker__hint')).not.toBeNull();
    expect(await violations()).toEqual([]);
  });

  it('names each box with its original-pixel coordinates and announces changes politely', async () => {
    const screen = await render(
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width: 400 }}
        defaultValue={[[10, 20, 30, 40]]}
      />,
    );
    await waitForImage();
    await expect.element(screen.getByRole('group', { name: 'Bounding boxes' })).toBeInTheDocument();
    await userEvent.keyboard('{Tab}{ArrowDown}');
    await expect
      .element(screen.getByRole('button', { name: 'Box 1: 10, 21 to 30, 41' }))
      .toHaveFocus();
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('Box 1: 10, 21 to 30, 41');
  });
});

describe('accessibility of a dark theme set through CSS variables', () => {
  it('has zero axe violations (colour contrast included)', async () => {
    const dark = {
      width: 500,
      '--bbox-picker-color': '#38bdf8',
      '--bbox-picker-selected-color': '#facc15',
      '--bbox-picker-focus-color': '#f8fafc',
      '--bbox-picker-handle-color': '#0f172a',
      '--bbox-picker-badge-color': '#0f172a',
      '--bbox-picker-hint-color': '#e2e8f0',
    } as React.CSSProperties;
    await render(
      <main style={{ background: '#0f172a', color: '#e2e8f0', padding: 16 }}>
        <BboxPicker
          src={photo}
          alt="Test photo"
          style={dark}
          maxBoxes={2}
          defaultValue={[
            [100, 100, 1500, 1200],
            [2000, 1500, 3500, 2800],
          ]}
        />
      </main>,
    );
    await waitForImage();
    await userEvent.keyboard('{Tab}');
    expect(await violations()).toEqual([]);
  });
});
