import { describe, expect, it } from '@jest/globals';
import { formatPercentText } from './format';

describe('a percentage in running text', () => {
  it('keeps the sign on the number, and says none without one', () => {
    expect(formatPercentText(0.54185, 'ja-JP')).toBe('54.2%');
    expect(formatPercentText(1, 'en-US')).toBe('100.0%');
    expect(formatPercentText(null, 'en-US')).toBe('—');
    expect(formatPercentText(Number.NaN, 'en-US')).toBe('—');
  });
});
