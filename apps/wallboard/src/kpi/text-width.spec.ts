import { describe, expect, it } from '@jest/globals';
import { textWidth } from './text-width';

describe('textWidth', () => {
  it('counts digits one, separators about half, full-width glyphs nearly two', () => {
    expect(textWidth('18149')).toBe(5);
    expect(textWidth('18,149')).toBeCloseTo(5.55);
    expect(textWidth('￥18,149')).toBeCloseTo(7.3);
    expect(textWidth('3:50')).toBeCloseTo(3.55);
    expect(textWidth('件')).toBe(1.75);
  });

  it('makes the Japanese yen amount wider than the same digits with a dollar sign', () => {
    expect(textWidth('￥18,149')).toBeGreaterThan(textWidth('$18,149'));
  });
});
