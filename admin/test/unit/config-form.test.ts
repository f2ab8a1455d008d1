import { fnv1a32 } from '@trellis/kit';
import { describe, expect, it } from 'vitest';
import {
  configFields,
  controlName,
  fieldErrorsByKey,
  parseLabels,
  secretMask,
  valuesFromForm,
} from '../../src/lib/config-form.ts';
import { configNotice, noticeOf } from '../../src/lib/config-notice.ts';
import { matchesGray } from '../../src/lib/gray.ts';

const schema = {
  type: 'object',
  properties: {
    logLevel: { type: 'string', enum: ['debug', 'info'], default: 'info', description: 'Level' },
    maxItems: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    ratio: { type: 'number', exclusiveMaximum: 1 },
    newCheckout: { type: 'boolean', default: false },
    apiKey: { type: 'string' },
    name: { type: 'string' },
    rules: { type: 'array', items: { type: 'object' } },
  },
  required: ['name'],
  additionalProperties: false,
};

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) {
    data.set(controlName(key), value);
  }
  return data;
}

describe('the config form', () => {
  const fields = configFields(schema, ['apiKey']);

  it('gives each key of the schema the control its type asks for', () => {
    expect(fields.map((field) => [field.key, field.kind])).toEqual([
      ['logLevel', 'enum'],
      ['maxItems', 'number'],
      ['ratio', 'number'],
      ['newCheckout', 'boolean'],
      ['apiKey', 'secret'],
      ['name', 'string'],
      ['rules', 'json'],
    ]);
    expect(fields[0]).toMatchObject({ options: ['debug', 'info'], default: 'info' });
    expect(fields[1]).toMatchObject({ minimum: 1, maximum: 100, integer: true, required: false });
    expect(fields[2]).toMatchObject({ maximum: 1, integer: false });
    expect(fields[5]).toMatchObject({ required: true });
  });

  it('reads the values back, leaving empty optional keys out and keeping the secret mask', () => {
    const read = valuesFromForm(
      fields,
      form({
        logLevel: 'debug',
        maxItems: '50',
        ratio: '',
        newCheckout: 'true',
        apiKey: secretMask,
        name: '',
        rules: '[{"qps": 5}]',
      }),
    );
    expect(read).toEqual({
      values: {
        logLevel: 'debug',
        maxItems: 50,
        newCheckout: true,
        apiKey: secretMask,
        name: '',
        rules: [{ qps: 5 }],
      },
      errors: {},
    });
  });

  it('sends what is not a number as typed, for the center to judge, and refuses broken JSON', () => {
    const read = valuesFromForm(fields, form({ maxItems: 'many', rules: '[{' }));
    expect(read.values).toMatchObject({ maxItems: 'many', newCheckout: false });
    expect(read.errors).toEqual({ rules: 'rules is not valid JSON' });
  });

  it('puts each error the center names beside the top-level key it belongs to', () => {
    expect(
      fieldErrorsByKey([
        { path: 'maxItems', message: 'must be <= 100' },
        { path: 'rules[0].qps', message: 'must be number' },
        { path: 'values.logLevel', message: 'must be one of "debug", "info"' },
        { path: '', message: 'must be object' },
      ]),
    ).toEqual({
      maxItems: 'maxItems must be <= 100',
      rules: 'rules[0].qps must be number',
      logLevel: 'logLevel must be one of "debug", "info"',
      '': 'must be object',
    });
  });

  it('reads gray labels as key:value pairs', () => {
    expect(parseLabels('zone:a, tier=canary')).toEqual({ zone: 'a', tier: 'canary' });
    expect(parseLabels('zone')).toBeUndefined();
  });
});

describe('gray matching', () => {
  it('hashes instance ids as the center does (FNV-1a, 32 bits)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('matches by share or by every label', () => {
    const id = 'orders-1';
    const bucket = fnv1a32(id) % 100;
    expect(matchesGray({ percentage: bucket + 1 }, { instanceId: id, labels: {} })).toBe(true);
    expect(matchesGray({ percentage: bucket }, { instanceId: id, labels: {} })).toBe(false);
    const labels = { zone: 'a', tier: 'canary' };
    expect(matchesGray({ labels: { zone: 'a' } }, { instanceId: id, labels })).toBe(true);
    expect(matchesGray({ labels: { zone: 'a', tier: 'x' } }, { instanceId: id, labels })).toBe(
      false,
    );
  });
});

describe('the notice after a decision', () => {
  it('says only what it knows, never what the URL makes up', () => {
    expect(noticeOf({ notice: 'approved', revision: '3', request: '7' })).toBe(
      'Approved: revision 3 is live.',
    );
    expect(noticeOf({ notice: 'withdrawn', request: '7' })).toBe('Change request #7 is withdrawn.');
    expect(noticeOf({ notice: '<script>', revision: '3' })).toBeUndefined();
    expect(noticeOf({ notice: 'promoted', revision: 'x' })).toBeUndefined();
  });

  it('is shown only while the revision it tells of is still the live one', () => {
    const approved = { notice: 'approved', revision: '3', request: '7' };
    expect(configNotice(approved, 3)).toEqual({
      title: 'Change request approved',
      message: 'Approved: revision 3 is live.',
    });
    expect(configNotice(approved, 4)).toBeUndefined();
    expect(configNotice({ notice: 'rejected', request: '7' }, 4)?.title).toBe(
      'Change request rejected',
    );
  });
});
