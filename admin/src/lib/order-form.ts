/** An order line as typed into the form: prices in major units (12.50), not cents. */
export interface LineInput {
  /** Its row in the form, which field names and errors refer to. */
  index: number;
  sku: string;
  quantity: string;
  unitPrice: string;
}

export const maxLines = 20;
export const currencies = ['EUR', 'USD', 'GBP'] as const;

export function linesFrom(form: FormData): LineInput[] {
  const lines: LineInput[] = [];
  for (let index = 0; index < maxLines; index++) {
    const line = {
      index,
      sku: String(form.get(`items[${index}].sku`) ?? '').trim(),
      quantity: String(form.get(`items[${index}].quantity`) ?? '').trim(),
      unitPrice: String(form.get(`items[${index}].unitPrice`) ?? '').trim(),
    };
    // The quantity field starts at 1: a row with only that typed is still an empty row.
    if (line.sku || line.unitPrice) {
      lines.push(line);
    }
  }
  return lines;
}

/** `12.5` → 1250; undefined for anything that is not a non-negative amount with ≤ 2 decimals. */
export function toCents(price: string): number | undefined {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(price);
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Field errors the form can see before asking the service; the service checks the rest. */
export function checkLines(lines: readonly LineInput[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (lines.length === 0) {
    errors['items[0].sku'] = 'is required: an order needs at least one line';
  }
  for (const line of lines) {
    if (line.sku === '') {
      errors[`items[${line.index}].sku`] = 'is required';
    }
    if (line.quantity !== '' && !/^\d+$/.test(line.quantity)) {
      errors[`items[${line.index}].quantity`] = 'must be a whole number';
    }
    if (toCents(line.unitPrice) === undefined) {
      errors[`items[${line.index}].unitPrice`] = 'must be an amount like 12.50';
    }
  }
  return errors;
}

/**
 * The form field a service error names: the service numbers the lines it was sent, the form
 * numbers its rows (empty rows are not sent), and prices are typed in major units.
 */
export function lineFieldOf(path: string, lines: readonly LineInput[]): string {
  const match = /^items\[(\d+)\](.*)$/.exec(path);
  if (!match) {
    return path;
  }
  const row = lines[Number(match[1])]?.index ?? Number(match[1]);
  return `items[${row}]${(match[2] ?? '').replace(/unitPriceCents$/, 'unitPrice')}`;
}
