// The pipeline panel page's styles for a page opened with setContent in headless Chromium (the bench and the e2e
// test of the page alone): media/pipeline.css and codicon.css, with codicon's font inlined as a data URL, since such
// a page has no origin to fetch it from. Without the font every icon glyph sends Chromium looking through the
// system's fonts for a fallback, which the webview never does.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');

/** Adds the panel's styles to `page` and waits for the codicon font; `codiconDir` holds codicon.css and codicon.ttf. */
export async function addPanelStyles(page: Page, codiconDir: string): Promise<void> {
  const font = `url("data:font/ttf;base64,${fs.readFileSync(path.join(codiconDir, 'codicon.ttf')).toString('base64')}")`;
  const codicon = fs.readFileSync(path.join(codiconDir, 'codicon.css'), 'utf8').replace(/url\("\.\/codicon\.ttf[^)]*\)/g, font);
  await page.addStyleTag({ content: codicon });
  await page.addStyleTag({ content: fs.readFileSync(path.join(ROOT, 'media/pipeline.css'), 'utf8') });
  await page.evaluate(() => document.fonts.load('16px codicon'));
}
