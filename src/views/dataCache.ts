// What the views have loaded, keyed by a stable key: the last good value survives a failed refresh (shown stale, with
// the reason). No 'vscode' here: unit-tested in plain Node.

export interface Loaded<T> {
  value?: T;
  /** The last load failed; `value`, when present, is older data. */
  error?: unknown;
  /** When `value` was loaded (ms since epoch). */
  at?: number;
}

interface Entry {
  value?: unknown;
  hasValue: boolean;
  error?: unknown;
  at?: number;
  fresh: boolean;
  pending?: Promise<void>;
  generation: number;
}

export interface PagedValue<T> {
  items: T[];
  nextToken?: string;
  /** How many pages are loaded: a refresh reloads as many, so "Load more" survives it. */
  pages: number;
}

export class DataCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached value when fresh; otherwise loads it once (concurrent callers share the load). Never throws. */
  async get<T>(key: string, load: (previous: T | undefined) => Promise<T>): Promise<Loaded<T>> {
    let e = this.entries.get(key);
    if (!e) {
      e = { hasValue: false, fresh: false, generation: this.generation };
      this.entries.set(key, e);
    }
    if (!e.fresh) {
      if (!e.pending) {
        const entry = e;
        const previous = entry.hasValue ? (entry.value as T) : undefined;
        entry.pending = load(previous).then(
          (value) => {
            entry.value = value;
            entry.hasValue = true;
            entry.error = undefined;
            entry.at = this.now();
            entry.fresh = true;
            entry.pending = undefined;
          },
          (error: unknown) => {
            entry.error = error;
            entry.fresh = true;
            entry.pending = undefined;
          },
        );
      }
      await e.pending;
    }
    return this.peek<T>(key);
  }

  /** What is cached, without loading. */
  peek<T>(key: string): Loaded<T> {
    const e = this.entries.get(key);
    if (!e) return {};
    return { value: e.hasValue ? (e.value as T) : undefined, error: e.error, at: e.at };
  }

  /** Stores a value from elsewhere (a poll, a command's result). */
  set<T>(key: string, value: T): void {
    this.entries.set(key, { value, hasValue: true, at: this.now(), fresh: true, generation: this.generation });
  }

  /** Changes a cached value in place (a poll updated one build of a page); no-op when absent. */
  update<T>(key: string, change: (value: T) => T): boolean {
    const e = this.entries.get(key);
    if (!e?.hasValue) return false;
    e.value = change(e.value as T);
    return true;
  }

  /** Marks entries stale (all, or those whose key starts with `prefix`): the next get reloads, keeping the old value meanwhile. */
  invalidate(prefix = ''): void {
    this.generation++;
    for (const [k, e] of this.entries) if (k.startsWith(prefix)) e.fresh = false;
  }

  /** Forgets entries entirely (a connection was removed). */
  delete(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  keys(prefix = ''): string[] {
    return [...this.entries.keys()].filter((k) => k.startsWith(prefix));
  }

  /** Loads a paged list: first time one page; after invalidation as many pages as were loaded before. */
  getPaged<T>(key: string, fetchPage: (nextToken?: string) => Promise<{ items: T[]; nextToken?: string }>): Promise<Loaded<PagedValue<T>>> {
    return this.get<PagedValue<T>>(key, async (previous) => {
      const want = Math.max(1, previous?.pages ?? 1);
      const out: PagedValue<T> = { items: [], pages: 0 };
      let token: string | undefined;
      do {
        const page = await fetchPage(token);
        out.items.push(...page.items);
        out.pages++;
        token = page.nextToken;
        out.nextToken = token;
      } while (token && out.pages < want);
      return out;
    });
  }

  /** Appends the next page of a paged list; throws the load error (the caller shows it). */
  async loadMore<T>(key: string, fetchPage: (nextToken?: string) => Promise<{ items: T[]; nextToken?: string }>): Promise<void> {
    const current = this.peek<PagedValue<T>>(key).value;
    if (!current?.nextToken) return;
    const page = await fetchPage(current.nextToken);
    const seen = new Set(current.items.map((i) => JSON.stringify(i)));
    this.set<PagedValue<T>>(key, {
      items: [...current.items, ...page.items.filter((i) => !seen.has(JSON.stringify(i)))],
      nextToken: page.nextToken,
      pages: current.pages + 1,
    });
  }
}
