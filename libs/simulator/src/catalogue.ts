/**
 * A small product catalogue for simulated orders. Prices are illustrative: a yen price and a
 * dollar price per item; other currencies borrow the one with the same number of decimals.
 */
import { chance, pick, weighted, type Rng } from './random';

export interface CatalogueItem {
  readonly sku: string;
  readonly name: string;
  /** Price in yen (no minor unit). */
  readonly jpy: number;
  /** Price in US cents, so arithmetic on it stays exact. */
  readonly usdCents: number;
  /** Colour/size or other option; an order line names one when the item has any. */
  readonly variants: readonly string[];
  /** Goods the warehouse ships; memberships, warranties and business lines are not. */
  readonly ships: boolean;
}

export const CATALOGUE: readonly CatalogueItem[] = [
  {
    sku: 'CAT-1042',
    name: 'Merino crew-neck sweater',
    jpy: 12800,
    usdCents: 8900,
    variants: ['navy/M', 'navy/L', 'grey/M', 'grey/L', 'black/S'],
    ships: true,
  },
  {
    sku: 'CAT-1107',
    name: 'Cotton T-shirt',
    jpy: 1980,
    usdCents: 1499,
    variants: ['white/S', 'white/M', 'white/L', 'black/M', 'black/L'],
    ships: true,
  },
  {
    sku: 'CAT-2210',
    name: 'Down jacket',
    jpy: 29800,
    usdCents: 21900,
    variants: ['black/M', 'black/L', 'olive/M'],
    ships: true,
  },
  {
    sku: 'CAT-3001',
    name: 'Leather belt',
    jpy: 4980,
    usdCents: 3950,
    variants: ['brown/90', 'black/95'],
    ships: true,
  },
  {
    sku: 'CAT-3350',
    name: 'Wool socks, 3 pairs',
    jpy: 1480,
    usdCents: 1199,
    variants: [],
    ships: true,
  },
  {
    sku: 'CAT-4120',
    name: 'Canvas tote bag',
    jpy: 3280,
    usdCents: 2499,
    variants: ['natural', 'navy'],
    ships: true,
  },
  {
    sku: 'PLN-0001',
    name: 'Premium membership, monthly',
    jpy: 980,
    usdCents: 799,
    variants: [],
    ships: false,
  },
  {
    sku: 'PLN-0012',
    name: 'Premium membership, 12 months',
    jpy: 9800,
    usdCents: 7999,
    variants: [],
    ships: false,
  },
  {
    sku: 'SVC-0100',
    name: 'Extended warranty, 2 years',
    jpy: 2200,
    usdCents: 1999,
    variants: [],
    ships: false,
  },
  {
    sku: 'BIZ-0300',
    name: 'Business line, 3 seats, first month',
    jpy: 29800,
    usdCents: 24900,
    variants: ['standard', 'pro'],
    ships: false,
  },
  {
    sku: 'BIZ-0500',
    name: 'Business line, 5 seats, first month',
    jpy: 45800,
    usdCents: 37900,
    variants: ['standard', 'pro'],
    ships: false,
  },
];

const BY_SKU = new Map(CATALOGUE.map((item) => [item.sku, item]));

export function catalogueItem(sku: string): CatalogueItem {
  const item = BY_SKU.get(sku);
  if (!item) throw new RangeError(`sku "${sku}" is not in the catalogue`);
  return item;
}

const DECIMALS = new Map<string, number>();

/**
 * Decimals of a currency's minor unit, capped at 2 because the event contract stores amounts
 * with at most two decimals (so a 3-decimal currency is priced in whole hundredths).
 */
export function currencyDecimals(currency: string): number {
  let decimals = DECIMALS.get(currency);
  if (decimals === undefined) {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
    decimals = digits === 0 ? 0 : 2;
    DECIMALS.set(currency, decimals);
  }
  return decimals;
}

/** Unit price in the currency's minor units (yen, cents): integers, so sums are exact. */
export function unitPriceMinor(sku: string, currency: string): number {
  const item = catalogueItem(sku);
  return currencyDecimals(currency) === 0 ? item.jpy : item.usdCents;
}

export interface OrderLine {
  readonly sku: string;
  readonly qty: number;
  readonly variant?: string;
}

export interface DraftOrder {
  readonly items: OrderLine[];
  /** Sum of unit price × qty, in major units with at most 2 decimals. */
  readonly amount: number;
}

/** An order of one to three distinct items from `skus`, mostly single units. */
export function draftOrder(rng: Rng, skus: readonly string[], currency: string): DraftOrder {
  const lines = Number(weighted(rng, { 1: 0.7, 2: 0.22, 3: 0.08 }));
  const chosen: string[] = [];
  for (let i = 0; i < lines && chosen.length < skus.length; i++) {
    const remaining = skus.filter((sku) => !chosen.includes(sku));
    chosen.push(pick(rng, remaining));
  }
  const items = chosen.map((sku): OrderLine => {
    const qty = chance(rng, 0.85) ? 1 : chance(rng, 0.8) ? 2 : 3;
    const { variants } = catalogueItem(sku);
    return variants.length > 0 ? { sku, qty, variant: pick(rng, variants) } : { sku, qty };
  });
  const minor = items.reduce((sum, line) => sum + unitPriceMinor(line.sku, currency) * line.qty, 0);
  // Integer minor units divided once: the result is the nearest double to an exact 2-decimal value.
  const amount = currencyDecimals(currency) === 0 ? minor : minor / 100;
  return { items, amount };
}
