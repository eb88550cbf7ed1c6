// What the extension host looked like before any test ran. All test files run in one host, in file order, so a
// test about start-up (e.g. lazy activation) reads this instead of the live state. index.ts records it; each test
// file is its own bundle, hence a global keyed by Symbol.for.
const KEY = Symbol.for('awsDevTools.test.hostStateAtStart');

export interface HostStateAtStart {
  extensionActive: boolean;
}

export function recordHostStateAtStart(state: HostStateAtStart): void {
  (globalThis as Record<symbol, HostStateAtStart>)[KEY] = state;
}

export function hostStateAtStart(): HostStateAtStart | undefined {
  return (globalThis as Record<symbol, HostStateAtStart | undefined>)[KEY];
}
