import { CATALOGUE, currencyDecimals, draftOrder, unitPriceMinor } from './catalogue';
import { mulberry32 } from './random';

describe('catalogue orders', () => {
  const skus = CATALOGUE.map((item) => item.sku);

  it('prices yen orders in whole yen, summing the lines', () => {
    const rng = mulberry32(5);
    for (let i = 0; i < 500; i++) {
      const { items, amount } = draftOrder(rng, skus, 'JPY');
      expect(items.length).toBeGreaterThanOrEqual(1);
      expect(new Set(items.map((l) => l.sku)).size).toBe(items.length);
      expect(amount).toBe(items.reduce((s, l) => s + unitPriceMinor(l.sku, 'JPY') * l.qty, 0));
      expect(Number.isInteger(amount)).toBe(true);
    }
  });

  it('prices cent currencies with at most two decimals', () => {
    const rng = mulberry32(6);
    expect(currencyDecimals('USD')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    for (let i = 0; i < 500; i++) {
      const { items, amount } = draftOrder(rng, skus, 'EUR');
      const cents = items.reduce((s, l) => s + unitPriceMinor(l.sku, 'EUR') * l.qty, 0);
      expect(Math.round(amount * 100)).toBe(cents);
      expect(Math.round(amount * 100) / 100).toBe(amount);
    }
  });

  it('names a variant exactly for items that have variants', () => {
    const rng = mulberry32(7);
    const lines = Array.from({ length: 300 }, () => draftOrder(rng, skus, 'JPY').items).flat();
    for (const line of lines) {
      const item = CATALOGUE.find((c) => c.sku === line.sku)!;
      if (item.variants.length > 0) expect(item.variants).toContain(line.variant);
      else expect(line.variant).toBeUndefined();
    }
  });
});
