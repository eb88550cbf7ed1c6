import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { createRequire, wrap } from 'module';
import { basename, dirname, join } from 'path';
import { Script } from 'vm';

/**
 * A CommonJS bundle loaded with V8's code cache: compiling the extension's main bundle is a third of its activation
 * time, and V8 can skip it when given the bytecode it produced last time. Node's own compile cache
 * (`module.enableCompileCache`) would do this, but only for the whole process, and the extension host is shared with
 * every other extension; this loads one file of ours the way Node's CommonJS loader does (same wrapper, a `require`
 * relative to the file), with the cache in a folder of ours.
 *
 * The cache file is named by the bundle's size and modification time and the V8 version: V8 itself only checks the
 * source's length before it trusts a cache, so a cache must not be offered for other source of the same length, and
 * any build or install of the bundle writes it anew. (A hash of the source would be surer, but hashing costs as
 * much as a third of what the cache saves.)
 */
export interface CachedBundle {
  readonly exports: unknown;
  /** True when the bundle was compiled from its cache (false: no cache yet, or V8 rejected it). */
  readonly fromCache: boolean;
  /**
   * Writes the cache when the load did not come from one, with the functions compiled since (call it after the
   * bundle has done its first work, so their bytecode is in it too). Once; returns the error instead of throwing:
   * a cache that cannot be written costs time only.
   */
  save(): Error | undefined;
}

export function loadBundle(file: string, cacheDir: string | undefined): CachedBundle {
  const source = readFileSync(file, 'utf8');
  const name = basename(file);
  const { size, mtimeMs } = statSync(file);
  const key = `${name}-${size}-${Math.round(mtimeMs)}-v8-${process.versions.v8.replace(/[^\w.-]/g, '_')}.cache`;
  const cacheFile = cacheDir ? join(cacheDir, key) : undefined;
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined; // none yet
  }
  const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  const mod = { exports: {} as unknown };
  const init = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  init.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));

  let saved = fromCache || !cacheDir;
  return {
    exports: mod.exports,
    fromCache,
    save() {
      if (saved || !cacheDir || !cacheFile) return undefined;
      saved = true;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile); // a reader never sees half a file
        for (const f of readdirSync(cacheDir)) {
          if (f.startsWith(`${name}-`) && f !== key && !f.endsWith('.tmp')) unlinkSync(join(cacheDir, f)); // earlier versions' caches
        }
        return undefined;
      } catch (e) {
        return e instanceof Error ? e : new Error(String(e));
      }
    },
  };
}
