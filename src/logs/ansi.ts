/** ANSI/VT escape sequences: CSI (colours, cursor moves), OSC (titles, hyperlinks), and two-byte escapes. */
// eslint-disable-next-line no-control-regex -- matching escape characters is the point
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

/** Removes ANSI escape codes (a build tool's colours) so the log reads as plain text. */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? text.replace(ANSI, '') : text;
}
