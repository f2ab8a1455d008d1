import { describe, expect, it } from 'vitest';
import { checkLines, lineFieldOf, linesFrom, toCents } from '../../src/lib/order-form.ts';

describe('the order form', () => {
  it('turns prices in major units into cents without floating-point drift', () => {
    expect(toCents('12.5')).toBe(1250);
    expect(toCents('0.29')).toBe(29);
    expect(toCents('19.99')).toBe(1999);
    expect(toCents('7')).toBe(700);
    expect(toCents('1.234')).toBeUndefined();
    expect(toCents('-1')).toBeUndefined();
    expect(toCents('')).toBeUndefined();
  });

  it('reads the typed lines, skipping empty ones, and names the fields it refuses', () => {
    const form = new FormData();
    form.set('items[0].sku', 'SKU-1');
    form.set('items[0].quantity', '2');
    form.set('items[0].unitPrice', '3.50');
    form.set('items[2].sku', 'SKU-2');
    form.set('items[2].quantity', 'two');
    form.set('items[2].unitPrice', 'cheap');
    form.set('items[3].quantity', '1');
    form.set('items[4].quantity', '1');
    form.set('items[4].unitPrice', '2.00');
    const lines = linesFrom(form);
    expect(lines).toEqual([
      { index: 0, sku: 'SKU-1', quantity: '2', unitPrice: '3.50' },
      { index: 2, sku: 'SKU-2', quantity: 'two', unitPrice: 'cheap' },
      { index: 4, sku: '', quantity: '1', unitPrice: '2.00' },
    ]);
    expect(checkLines(lines)).toEqual({
      'items[2].quantity': 'must be a whole number',
      'items[2].unitPrice': 'must be an amount like 12.50',
      'items[4].sku': 'is required',
    });
    expect(checkLines(linesFrom(new FormData()))).toEqual({
      'items[0].sku': 'is required: an order needs at least one line',
    });
    expect(lineFieldOf('items[1].unitPriceCents', lines)).toBe('items[2].unitPrice');
    expect(lineFieldOf('userId', lines)).toBe('userId');
  });
});
