import { describe, expect, it } from '@jest/globals';
import { chooseLanguage, languageStorageKey, otherLanguage } from './screen-language';

describe('the language of a screen', () => {
  it('takes ?lang= first, then the screen choice, then the wallboard language', () => {
    expect(chooseLanguage('en', 'ja', 'ja')).toBe('en');
    expect(chooseLanguage(undefined, 'en', 'ja')).toBe('en');
    expect(chooseLanguage(undefined, null, 'en')).toBe('en');
  });

  it('ignores what is not one of its languages', () => {
    expect(chooseLanguage('fr', 'de', 'ja')).toBe('ja');
    expect(chooseLanguage(['en'], 'xx', 'ja')).toBe('ja');
  });

  it('keeps the choice per wallboard and switches between the two', () => {
    expect(languageStorageKey('sales')).toBe('mieruka.lang.sales');
    expect(languageStorageKey(undefined)).toBe('mieruka.lang.default');
    expect(otherLanguage('ja')).toBe('en');
    expect(otherLanguage('en')).toBe('ja');
  });
});
