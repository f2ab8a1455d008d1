/**
 * Dependencies for building an app only to read its OpenAPI document: registering routes
 * never touches deps, so any use of these is a bug and fails loudly.
 */
export function contractOnlyDeps<T>(): T {
  return new Proxy(
    {},
    {
      get(_target, property) {
        throw new Error(`dependency "${String(property)}" used while emitting the contract`);
      },
    },
  ) as T;
}
