/**
 * Terminal escape sequences (ECMA-48, 7- and 8-bit): CSI (colours, cursor moves, screen modes); the string
 * controls OSC, DCS, SOS, PM and APC (titles, hyperlinks, device queries) up to their BEL or ST; every other escape
 * (ESC, any intermediates, one final byte: `ESC ( B` charsets, `ESC 7` / `ESC 8` cursor save, `ESC c` reset, and the
 * introducer of an unterminated string, whose text stays); then any ESC or C1 control left on its own.
 */
// eslint-disable-next-line no-control-regex -- matching escape characters is the point
const ANSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|\u001b[ -/]*[0-~]|[\u001b\u0080-\u009f]/g;
// eslint-disable-next-line no-control-regex -- see above
const ESCAPE_OR_C1 = /[\u001b\u0080-\u009f]/;

/** Removes terminal escape sequences (a build tool's colours, titles, cursor moves) so the log reads as plain text. */
export function stripAnsi(text: string): string {
  return ESCAPE_OR_C1.test(text) ? text.replace(ANSI, '') : text;
}
