import { csvField } from './history-csv';

describe('csvField', () => {
  it.each([
    ['support', 'support'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['\r=1', '"\'\r=1"'],
    ['a,b', '"a,b"'],
  ])('writes the text %j as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('leaves numbers, negative ones too, and empty values as they are', () => {
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
  });
});
