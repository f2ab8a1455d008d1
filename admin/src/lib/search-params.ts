type SearchParams = Record<string, string | string[] | undefined>;

/**
 * One query parameter as a non-empty string, or undefined; with `allowed`, only one of those
 * values. Anything typed into a URL is input, not a trusted value.
 */
export function searchParam<T extends string = string>(
  params: SearchParams,
  name: string,
  allowed?: readonly T[],
): T | undefined {
  const raw = params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) {
    return undefined;
  }
  if (allowed && !allowed.includes(value as T)) {
    return undefined;
  }
  return value as T;
}
