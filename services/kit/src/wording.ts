/**
 * `1 line`, `3 lines`: a count with its noun agreeing, for sentences whose numbers come from
 * config or requests. It imports nothing, so the console's browser code can take it too.
 */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
