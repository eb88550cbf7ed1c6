/**
 * The pipeline panel's HTML: a shell with a strict CSP, the page script by nonce, and the stylesheets. Pure (no
 * 'vscode'), so the unit tests check it directly. Nothing from AWS goes into this HTML: the page renders data.
 */
import { randomBytes } from 'crypto';

export interface HtmlParts {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(...)` of dist/webview/pipelinePage.js. */
  scriptUri: string;
  /** Of dist/webview/codicon.css and media/pipeline.css, in that order. */
  styleUris: string[];
  /** The pipeline name, for the document title only (escaped). */
  title: string;
  /** A fresh nonce per render: `makeNonce()`. */
  nonce: string;
}

/** 128 random bits from the platform CSPRNG, base64: a new one for every render. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Escapes text for an HTML attribute or text node (only used for the title and URIs, which are ours). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function buildHtml(p: HtmlParts): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(p.nonce)) throw new Error('buildHtml: the nonce must be base64 of at least 96 bits');
  const styles = p.styleUris.map((u) => `    <link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(p.cspSource, p.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>${escapeHtml(p.title)}</title>
  </head>
  <body>
    <main id="app" class="app"></main>
    <script nonce="${p.nonce}" src="${escapeHtml(p.scriptUri)}"></script>
  </body>
</html>
`;
}
