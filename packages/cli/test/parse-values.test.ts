import { describe, expect, it } from 'vitest';
import { parseBox, parseParam } from '../src/parse-values.js';
import { flagForPath } from '../src/request.js';

describe('parseBox', () => {
  it('reads IMAGE:x1,y1,x2,y2, spaces allowed', () => {
    expect(parseBox('2:989,515,1138,681')).toEqual({ image: 2, box: [989, 515, 1138, 681] });
    expect(parseBox(' 1 : 0, 0, 10, 20 ')).toEqual({ image: 1, box: [0, 0, 10, 20] });
  });

  it.each([
    ['989,515,1138,681', 'IMAGE:x1,y1,x2,y2'],
    ['0:1,1,5,5', 'from 1'],
    ['1:-1,0,5,5', 'negative'],
    ['1:10,0,5,5', 'x1 < x2'],
    ['1:0,10,5,10', 'y1 < y2'],
    ['1:1.5,0,5,5', 'IMAGE:x1,y1,x2,y2'],
  ])('rejects %s with a message about %s', (value, message) => {
    expect(() => parseBox(value)).toThrow(message);
  });
});

describe('parseParam', () => {
  it('parses the value as JSON', () => {
    expect(parseParam('seed=42')).toEqual(['seed', 42]);
    expect(parseParam('color_palette=[{"hex":"#fff","ratio":"100.00%"}]')).toEqual([
      'color_palette',
      [{ hex: '#fff', ratio: '100.00%' }],
    ]);
  });

  it('rejects a missing key or a value that is not JSON, suggesting quotes', () => {
    expect(() => parseParam('=1')).toThrow('key=json');
    expect(() => parseParam('style=watercolor')).toThrow(`style='"text"'`);
  });
});

describe('flagForPath', () => {
  it('names the flag that sets a validated field', () => {
    expect(flagForPath('parameters.n')).toBe('--n');
    expect(flagForPath('parameters.negative_prompt')).toBe('--negative');
    expect(flagForPath('parameters.bbox_list[1][0]')).toBe('--box');
    expect(flagForPath('input.messages[0].content[1].image')).toBe('--image');
    expect(flagForPath('input.messages[0].content[0].text')).toBe('--prompt');
    expect(flagForPath('parameters.color_palette')).toBe('--param');
  });
});
