import fc from 'fast-check';
import { fieldPathsOf, type Operation, type RequestSpec, resolve } from './openapi-requests.ts';

/** fast-check arbitraries of bad input, and of mutations that put it into a valid request. */

const nestedArrays = (depth: number): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner) => [inner], 'bottom');

/** Strings fuzzers and careless clients send: control characters, bad UTF-16, extremes. */
const notableTexts = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '',
  ' ',
  'a'.repeat(20_000),
  '💥'.repeat(5_000),
  '0000-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-02-30T00:00:00Z',
  '2026-12-01T09:00:00+14:00',
  '99999999999',
  '2147483648',
  '-2147483649',
  '-1',
  '0',
  '1.5',
  '1e400',
  'NaN',
  'Infinity',
  'null',
  '[]',
  '{"a":1}',
  "'; drop table users; --",
  '%00',
  '../../etc/passwd',
  'usr_00000000000000000000000000000000',
  'ord_00000000000000000000000000000000',
  'mtg_00000000000000000000000000000000',
  'room_00000000000000000000000000000000',
];

export const badText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...notableTexts),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.double().map(String),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((date) => date.toISOString()),
);

/** Header values must be visible ASCII or the test's own Headers refuses them. */
const badHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('99999999999', '-1', '', 'abc', '"usr_x.v1"', '*', 'W/"1"', 'x'.repeat(600)),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
);

const badNumbers = [
  -1,
  0,
  0.5,
  1.5,
  -0.0001,
  2 ** 31,
  -(2 ** 31) - 1,
  99_999_999_999,
  2 ** 53 + 2,
  1e308,
  -1e308,
];

export const badJson: fc.Arbitrary<unknown> = fc.oneof(
  badText,
  fc.constantFrom<unknown>(null, true, false, [], {}, [1], { a: 1 }, ...badNumbers),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(nestedArrays(200)),
  fc.array(badText, { maxLength: 3 }),
  fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), badText, { maxKeys: 3 }),
);

const badBody: fc.Arbitrary<NonNullable<RequestSpec['body']>> = fc.oneof(
  fc
    .constantFrom(
      '',
      '{',
      '{"a":',
      '[',
      'null',
      'true',
      '1',
      '"text"',
      '{"a":1}}',
      '\u0000',
      '{"a":"\\u0000"}',
      '{"values":{"greeting":"\\ud800"}}',
      '{"__proto__":{"polluted":1}}',
      `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    )
    .map((raw) => ({ raw })),
  fc.string({ unit: 'binary', maxLength: 60 }).map((raw) => ({ raw })),
  fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })),
);

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/problem+json',
);

const extremeInstants = notableTexts.filter((text) => /^[+-]?\d{4,6}-\d\d-\d\dT/.test(text));
const jsonBreakers = ['\u0000', '\ud800', '\udfff'];
// A URL carries UTF-8, where a lone surrogate can only arrive as U+FFFD: NUL is the breaker.
const urlBreakers = ['\u0000'];

/**
 * Bad input one step from `valid`, so the rest of the request stays valid and the bad part is
 * what the service meets: a NUL or a lone surrogate inside a good string, an instant at the
 * edge of time, a number past its column, a list or text far too long.
 */
export function nearValid(
  valid: unknown,
  depth = 0,
  breakers = jsonBreakers,
): fc.Arbitrary<unknown> {
  if (typeof valid === 'string') {
    const spliced = fc
      .record({ at: fc.nat({ max: valid.length }), breaker: fc.constantFrom(...breakers) })
      .map(({ at, breaker }) => valid.slice(0, at) + breaker + valid.slice(at));
    const longer = valid.repeat(Math.ceil(5000 / Math.max(valid.length, 1)));
    if (/^-?\d+$/.test(valid)) {
      return fc.oneof(fc.constantFrom(...badNumbers.map(String)), spliced);
    }
    if (/^\d{4}-\d\d-\d\dT/.test(valid)) {
      return fc.oneof(fc.constantFrom(...extremeInstants), spliced);
    }
    return fc.oneof(
      { arbitrary: spliced, weight: 3 },
      { arbitrary: fc.constantFrom(longer, ` ${valid} `, valid.toUpperCase()), weight: 1 },
    );
  }
  if (typeof valid === 'number') {
    return fc.constantFrom(...badNumbers, valid + 0.5, -valid, valid * 2 ** 31);
  }
  if (Array.isArray(valid) && depth < 4) {
    const first = valid[0];
    const corrupted =
      first === undefined ? fc.constant([]) : nearValid(first, depth + 1).map((item) => [item]);
    return fc.oneof(corrupted, fc.constant(Array.from({ length: 1000 }, () => first ?? 1)));
  }
  if (valid !== null && typeof valid === 'object' && depth < 4) {
    const entries = Object.entries(valid);
    if (entries.length === 0) {
      return badJson;
    }
    return fc
      .constantFrom(...entries)
      .chain(([key, value]) =>
        nearValid(value, depth + 1).map((bad) => ({ ...valid, [key]: bad })),
      );
  }
  return badJson;
}

/** Mostly one step from valid; sometimes anything at all. */
const badInstead = (valid: unknown) =>
  fc.oneof({ arbitrary: nearValid(valid), weight: 3 }, { arbitrary: badJson, weight: 1 });

export type Mutation =
  | { kind: 'parameter'; in: 'path' | 'query' | 'header'; name: string; value: string | null }
  | { kind: 'field'; path: string[]; value: unknown; remove: boolean }
  | { kind: 'extra'; path: string[]; key: string; value: unknown }
  | { kind: 'body'; body: NonNullable<RequestSpec['body']> | null; contentType?: string };

/** How often each kind of mutation is drawn: the fields a client fills in most. */
type Weighted = { arbitrary: fc.Arbitrary<Mutation>; weight: number };

function parameterMutations(operation: Operation, baseline: RequestSpec): Weighted[] {
  const names = operation.parameters
    .filter((p) => p.in !== 'cookie')
    .map((p) => ({ in: p.in as 'path' | 'query' | 'header', name: p.name }));
  names.push({ in: 'query', name: 'unexpected' }, { in: 'header', name: 'authorization' });
  return names.map((parameter) => {
    const bag = parameter.in === 'header' ? baseline.headers : baseline[parameter.in];
    const valid =
      bag[parameter.name] ??
      String(operation.parameters.find((p) => p.name === parameter.name)?.schema.example ?? 'x');
    const values =
      parameter.in === 'header'
        ? badHeaderValue
        : fc.oneof(
            { arbitrary: nearValid(valid, 0, urlBreakers).map(String), weight: 6 },
            { arbitrary: badText, weight: 1 },
            { arbitrary: fc.constant(valid), weight: 1 },
          );
    const removable = fc.nat({ max: 3 }).map((roll) => roll === 0 && parameter.in !== 'path');
    const declared = operation.parameters.some((p) => p.name === parameter.name);
    const arbitrary = fc.record({ value: values, remove: removable }).map(
      ({ value, remove }): Mutation => ({
        kind: 'parameter',
        ...parameter,
        value: remove ? null : value,
      }),
    );
    return { arbitrary, weight: declared ? 3 : 1 };
  });
}

function validAt(json: unknown, path: string[]): unknown {
  let value = json;
  for (const name of path) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[name]
        : undefined;
  }
  return value;
}

function bodyMutations(operation: Operation, baseline: RequestSpec): Weighted[] {
  if (!operation.body) {
    return [];
  }
  const json = baseline.body && 'json' in baseline.body ? baseline.body.json : undefined;
  const paths = fieldPathsOf(operation.document, operation.body);
  const objects = [[], ...paths.filter((path) => isObjectAt(operation, path))];
  const mutations: Weighted[] = [
    {
      arbitrary: fc
        .record({ body: fc.option(badBody, { nil: null }), contentType: contentTypes })
        .map((value): Mutation => ({ kind: 'body', ...value })),
      weight: 2,
    },
    {
      arbitrary: fc
        .record({
          path: fc.constantFrom(...objects),
          key: fc.oneof(
            fc.constantFrom('extra', 'greeting', '\u0000'),
            fc.string({ maxLength: 8 }),
          ),
          value: badJson,
        })
        .map((value): Mutation => ({ kind: 'extra', ...value })),
      weight: 2,
    },
  ];
  if (paths.length > 0) {
    mutations.push({
      weight: 4 * paths.length,
      arbitrary: fc
        .constantFrom(...paths)
        .chain((path) =>
          fc.record({
            path: fc.constant(path),
            value: badInstead(validAt(json, path)),
            remove: fc.nat({ max: 5 }).map((roll) => roll === 0),
          }),
        )
        .map((value): Mutation => ({ kind: 'field', ...value })),
    });
  }
  return mutations;
}

function isObjectAt(operation: Operation, path: string[]): boolean {
  let schema = resolve(operation.document, operation.body);
  for (const name of path) {
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    schema = resolve(operation.document, properties[name]);
  }
  return schema.type === 'object' || schema.properties !== undefined;
}

/** Mutations of `operation`'s valid request, each putting in something bad; mostly one. */
export function mutationsOf(operation: Operation, baseline: RequestSpec): fc.Arbitrary<Mutation[]> {
  const one = fc.oneof(
    ...parameterMutations(operation, baseline),
    ...bodyMutations(operation, baseline),
  );
  return fc.oneof(
    { arbitrary: one.map((mutation) => [mutation]), weight: 5 },
    { arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }), weight: 1 },
  );
}

function setAt(
  target: unknown,
  path: string[],
  update: (parent: Record<string, unknown>, key: string) => void,
) {
  let parent = target;
  for (const name of path.slice(0, -1)) {
    const next = (parent as Record<string, unknown>)?.[name];
    if (next === null || typeof next !== 'object') {
      return;
    }
    parent = next;
  }
  const key = path.at(-1);
  if (parent !== null && typeof parent === 'object' && key !== undefined) {
    update(parent as Record<string, unknown>, key);
  }
}

/** `spec` with the mutations applied, as a new request. */
export function applyMutations(spec: RequestSpec, mutations: Mutation[]): RequestSpec {
  const next = structuredClone(spec);
  for (const mutation of mutations) {
    if (mutation.kind === 'parameter') {
      const bag = mutation.in === 'header' ? next.headers : next[mutation.in];
      if (mutation.value === null) {
        delete bag[mutation.name];
      } else {
        bag[mutation.name] = mutation.value;
      }
    } else if (mutation.kind === 'body') {
      if (mutation.body === null) {
        delete next.body;
      } else {
        next.body = mutation.body;
      }
      next.contentType = mutation.contentType ?? 'application/json';
    } else if (next.body && 'json' in next.body) {
      const json = next.body.json;
      if (mutation.kind === 'field') {
        setAt(json, mutation.path, (parent, key) => {
          if (mutation.remove) {
            delete parent[key];
          } else {
            parent[key] = mutation.value;
          }
        });
      } else if (mutation.path.length === 0 && json !== null && typeof json === 'object') {
        (json as Record<string, unknown>)[mutation.key] = mutation.value;
      } else {
        setAt(json, mutation.path, (parent, key) => {
          const object = parent[key];
          if (object !== null && typeof object === 'object') {
            (object as Record<string, unknown>)[mutation.key] = mutation.value;
          }
        });
      }
    }
  }
  return next;
}
