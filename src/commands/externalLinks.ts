// The one gate to the browser: every vscode.env.openExternal of the extension goes through openExternalUrl().
// The check itself (externalUrlProblem) has no 'vscode' import, so it is unit-tested in plain Node.

/** Where a URL came from: built by the extension for the AWS console, or returned by the service itself. */
export type UrlOrigin = 'console' | 'service';

/** AWS console hosts: the global console, regional consoles, China and GovCloud partitions. */
const CONSOLE_HOST = /^(?:[a-z0-9-]+\.)?console\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)$/;

export const MAX_URL_LENGTH = 2048;

/**
 * Why `url` must not be opened, or undefined when it may: only `https:`, no user info, no control characters, at
 * most 2,048 characters; a console URL (one the extension built) must be on an AWS console host. A URL the service
 * returned (CodeBuild `logs.deepLink`, CodePipeline `entityUrl`/`externalExecutionUrl`) may be on any https host.
 */
export function externalUrlProblem(url: unknown, origin: UrlOrigin): string | undefined {
  if (typeof url !== 'string' || url === '') return 'no URL';
  if (url.length > MAX_URL_LENGTH) return 'URL too long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(url)) return 'URL contains whitespace or control characters';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:') return `not an https URL (${parsed.protocol})`;
  if (parsed.username || parsed.password) return 'URL carries user information';
  if (origin === 'console' && !CONSOLE_HOST.test(parsed.hostname)) return `not an AWS console host (${parsed.hostname})`;
  return undefined;
}

/** Opens `url` in the browser when externalUrlProblem() allows it; otherwise logs why (without the URL) and returns false. */
export async function openExternalUrl(url: string | undefined, origin: UrlOrigin, log: (message: string) => void): Promise<boolean> {
  const problem = externalUrlProblem(url, origin);
  if (problem) {
    log(`not opening a link: ${problem}`);
    return false;
  }
  // Loaded here so this module stays importable in plain Node (the check above is unit-tested there).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscode = require('vscode') as typeof import('vscode');
  return vscode.env.openExternal(vscode.Uri.parse(url!, true));
}
