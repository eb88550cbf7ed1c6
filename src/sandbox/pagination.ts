import { AwsError } from './errors';

/**
 * One page of `items` from an opaque `nextToken`. The token encodes the offset and which list it belongs to, so a
 * token from another operation or a tampered one is refused with the service's own error.
 */
export function page<T>(
  items: readonly T[],
  opts: { list: string; nextToken?: string; pageSize: number; invalidTokenError: string },
): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (opts.nextToken !== undefined) {
    offset = decode(opts.nextToken, opts.list);
    if (offset < 0) throw new AwsError(opts.invalidTokenError, 'The next token is not valid.');
  }
  const slice = items.slice(offset, offset + opts.pageSize);
  const next = offset + slice.length;
  return { items: slice, nextToken: next < items.length ? encode(next, opts.list) : undefined };
}

function encode(offset: number, list: string): string {
  return Buffer.from(JSON.stringify({ o: offset, l: list })).toString('base64');
}

function decode(token: string, list: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown; l?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.l === list) return parsed.o;
  } catch {
    // fall through
  }
  return -1;
}
