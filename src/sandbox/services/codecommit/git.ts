import { createHash } from 'crypto';

/**
 * A small git object store kept as plain JSON: blobs, trees and commits addressed by the sha1 of their canonical
 * content (blobs hash exactly as git does; trees and commits use git's header-and-body layout in text form).
 */

export type FileMode = 'NORMAL' | 'EXECUTABLE' | 'SYMLINK';
export const GIT_MODE: Record<FileMode, string> = { NORMAL: '100644', EXECUTABLE: '100755', SYMLINK: '120000' };
export const TREE_MODE = '40000';

export interface TreeEntry {
  name: string;
  type: 'blob' | 'tree';
  id: string;
  /** git mode string: 100644, 100755, 120000, 40000 */
  mode: string;
}

export interface Person {
  name: string;
  email: string;
  /** epoch ms */
  date: number;
  /** git offset such as +0000 or -0800 */
  tz: string;
}

export interface CommitObject {
  treeId: string;
  parents: string[];
  message: string;
  author: Person;
  committer: Person;
}

export interface ObjectStore {
  /** base64 content by blob id */
  blobs: Record<string, string>;
  trees: Record<string, TreeEntry[]>;
  commits: Record<string, CommitObject>;
}

/** A flat view of a tree: path -> blob id and mode. */
export type FileMap = Map<string, { blobId: string; mode: string }>;

const hash = (type: string, body: Buffer): string =>
  createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');

export function putBlob(store: ObjectStore, content: Buffer): string {
  const id = hash('blob', content);
  store.blobs[id] ??= content.toString('base64');
  return id;
}

export function putTree(store: ObjectStore, entries: TreeEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const body = Buffer.from(sorted.map((e) => `${e.mode} ${e.type} ${e.id}\t${e.name}\n`).join(''));
  const id = hash('tree', body);
  store.trees[id] ??= sorted;
  return id;
}

const person = (p: Person) => `${p.name} <${p.email}> ${Math.floor(p.date / 1000)} ${p.tz}`;

export function putCommit(store: ObjectStore, commit: CommitObject): string {
  const lines = [`tree ${commit.treeId}`, ...commit.parents.map((p) => `parent ${p}`), `author ${person(commit.author)}`, `committer ${person(commit.committer)}`];
  const id = hash('commit', Buffer.from(`${lines.join('\n')}\n\n${commit.message}`));
  store.commits[id] ??= commit;
  return id;
}

/** The wire form of a commit date: "<epoch seconds> <tz>". */
export const gitDate = (p: Person): string => `${Math.floor(p.date / 1000)} ${p.tz}`;

export function flatten(store: ObjectStore, treeId: string, prefix = '', out: FileMap = new Map()): FileMap {
  for (const e of store.trees[treeId] ?? []) {
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.type === 'tree') flatten(store, e.id, path, out);
    else out.set(path, { blobId: e.id, mode: e.mode });
  }
  return out;
}

/** Builds (and stores) the nested trees of a flat file map; returns the root tree id. */
export function buildTree(store: ObjectStore, files: FileMap): string {
  interface Dir {
    files: TreeEntry[];
    dirs: Map<string, Dir>;
  }
  const root: Dir = { files: [], dirs: new Map() };
  for (const [path, f] of files) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.dirs.get(part);
      if (!next) dir.dirs.set(part, (next = { files: [], dirs: new Map() }));
      dir = next;
    }
    dir.files.push({ name: parts[parts.length - 1], type: 'blob', id: f.blobId, mode: f.mode });
  }
  const write = (dir: Dir): string =>
    putTree(store, [...dir.files, ...[...dir.dirs].map(([name, d]) => ({ name, type: 'tree' as const, id: write(d), mode: TREE_MODE }))]);
  return write(root);
}

/** The tree at `path` (no leading or trailing slash; '' is the root) inside `treeId`, or undefined. */
export function subtree(store: ObjectStore, treeId: string, path: string): string | undefined {
  let id = treeId;
  for (const part of path.split('/').filter(Boolean)) {
    const e = store.trees[id]?.find((x) => x.name === part && x.type === 'tree');
    if (!e) return undefined;
    id = e.id;
  }
  return id;
}

/** Every ancestor of `commitId` (itself included), nearest first. */
export function ancestors(store: ObjectStore, commitId: string): string[] {
  const seen = new Set<string>();
  const queue = [commitId];
  while (queue.length) {
    const id = queue.shift() as string;
    if (seen.has(id) || !store.commits[id]) continue;
    seen.add(id);
    queue.push(...store.commits[id].parents);
  }
  return [...seen];
}

/** The nearest common ancestor of two commits, as `git merge-base` finds it for simple histories. */
export function mergeBase(store: ObjectStore, a: string, b: string): string | undefined {
  const ofA = new Set(ancestors(store, a));
  return ancestors(store, b).find((id) => ofA.has(id));
}

export interface Change {
  changeType: 'A' | 'M' | 'D';
  before?: { path: string; blobId: string; mode: string };
  after?: { path: string; blobId: string; mode: string };
}

/** File-level differences between two flat trees, sorted by path. */
export function diff(before: FileMap, after: FileMap): Change[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: Change[] = [];
  for (const path of paths) {
    const b = before.get(path);
    const a = after.get(path);
    if (b && a) {
      if (b.blobId !== a.blobId || b.mode !== a.mode) out.push({ changeType: 'M', before: { path, ...b }, after: { path, ...a } });
    } else if (a) out.push({ changeType: 'A', after: { path, ...a } });
    else if (b) out.push({ changeType: 'D', before: { path, ...b } });
  }
  return out;
}
