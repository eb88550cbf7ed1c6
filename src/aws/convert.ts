/** Small conversions from SDK values to plain model values. */
export function time(d: Date | string | number | undefined): number | undefined {
  if (d === undefined || d === null) return undefined;
  const t = d instanceof Date ? d.getTime() : typeof d === 'number' ? d : Date.parse(d);
  return Number.isNaN(t) ? undefined : t;
}

export function defined<T>(items: readonly (T | undefined | null)[]): T[] {
  return items.filter((x): x is T => x !== undefined && x !== null);
}
