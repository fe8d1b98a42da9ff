import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import '../../src/styles.css';
import { BboxPicker } from '../../src/BboxPicker';
import { testImage } from '../../src/stories/test-image';
import { dragImage, recorder, waitForImage } from './helpers';

const photo = testImage(4000, 3000);

describe('geometry inside real layouts', () => {
  it('maps correctly inside a scrolled container', async () => {
    const change = recorder();
    await render(
      <div data-testid="scroller" style={{ width: 300, height: 200, overflow: 'auto' }}>
        <div style={{ width: 800, paddingTop: 400 }}>
          <BboxPicker src={photo} alt="Test photo" style={{ width: 800 }} onChange={change.fn} />
        </div>
      </div>,
    );
    const img = await waitForImage();
    const scroller = document.querySelector('[data-testid="scroller"]') as HTMLElement;
    scroller.scrollTop = 450;
    scroller.scrollLeft = 100;
    expect(img.getBoundingClientRect().top).toBeLessThan(0); // the image starts above the viewport
    await dragImage(img, [1000, 300], [1500, 600]);
    expect(change.last()).toEqual([[1000, 300, 1500, 600]]);
  });

  it('maps correctly inside a CSS-transformed (scaled) container', async () => {
    const change = recorder();
    await render(
      <div style={{ transform: 'scale(0.5)', transformOrigin: '0 0' }}>
        <BboxPicker src={photo} alt="Test photo" style={{ width: 800 }} onChange={change.fn} />
      </div>,
    );
    const img = await waitForImage();
    expect(img.getBoundingClientRect().width).toBe(400);
    await dragImage(img, [500, 500], [3500, 2500]);
    expect(change.last()).toEqual([[500, 500, 3500, 2500]]);
  });

  it('keeps physical coordinates on a right-to-left page', async () => {
    const change = recorder();
    await render(
      <div dir="rtl">
        <BboxPicker
          src={photo}
          alt="Test photo"
          style={{ width: 400 }}
          defaultValue={[[0, 0, 400, 300]]}
          onChange={change.fn}
        />
      </div>,
    );
    const img = await waitForImage();
    const box = document.querySelector('.bbox-picker__box') as HTMLElement;
    // Box 0..400 of 4000 is the LEFT tenth of the image, also in RTL.
    expect(Math.round(box.getBoundingClientRect().left - img.getBoundingClientRect().left)).toBe(0);
    await dragImage(img, [2000, 1000], [3000, 2000]);
    expect(change.last()?.[1]).toEqual([2000, 1000, 3000, 2000]);
  });
});
