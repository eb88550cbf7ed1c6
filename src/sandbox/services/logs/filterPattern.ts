/**
 * CloudWatch Logs filter patterns for unstructured events: space-separated terms that must all appear
 * (case-sensitive), `"quoted phrases"`, `-term` to exclude, `?term ?other` to match any. An empty pattern matches
 * everything. JSON (`{ $.x = 1 }`) and space-delimited (`[a, b]`) patterns are not supported and match nothing.
 */
export type Matcher = (message: string) => boolean;

export function compileFilterPattern(pattern: string | undefined): Matcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('[')) return () => false;
  const all: string[] = [];
  const none: string[] = [];
  const any: string[] = [];
  for (const m of text.matchAll(/([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)) {
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    if (!term) continue;
    if (m[1] === '-') none.push(term);
    else if (m[1] === '?') any.push(term);
    else all.push(term);
  }
  return (message) =>
    all.every((t) => message.includes(t)) && !none.some((t) => message.includes(t)) && (any.length === 0 || any.some((t) => message.includes(t)));
}
