/**
 * String-keyed maps of the Sandbox state. The state is plain JSON (saved to the state file and loaded back as is), so
 * its maps are objects, but objects without a prototype: a name such as `constructor`, `toString` or `__proto__` (valid
 * names for AWS) is then only a key, never a member inherited from Object.prototype, and storing a `__proto__` entry
 * makes an own property instead of replacing the map's prototype. JSON.stringify writes them as any object.
 *
 * Every map of a service's state is made with `dict()`, and made again with `dict(loaded)` when the state is loaded
 * from JSON (JSON.parse gives ordinary objects). Lookups by a caller's key in an ordinary object (request members,
 * constant tables) go through `own()`.
 */

/** A new map without a prototype, holding the own entries of `from` when given (a map parsed from JSON). */
export function dict<T>(from?: Readonly<Record<string, T>> | null): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (from && typeof from === 'object') for (const key of Object.keys(from)) out[key] = from[key];
  return out;
}

/** The value `map` holds for `key` itself: undefined for a key it only inherits (`constructor`, `toString`...). */
export function own<T>(map: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return map && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** `dict()` of each value of a map (a map of maps, e.g. output variables per namespace). */
export function dictOfDicts<T>(from?: Readonly<Record<string, Readonly<Record<string, T>>>> | null): Record<string, Record<string, T>> {
  const out = dict<Record<string, T>>();
  if (from && typeof from === 'object') for (const key of Object.keys(from)) out[key] = dict(from[key]);
  return out;
}
