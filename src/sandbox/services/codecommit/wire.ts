import { AwsError } from '../../errors';
import type { Json } from '../types';
import { str } from './checks';
import { gitDate, type CommitObject, type FileMode } from './git';

export type FileMeta = { absolutePath: string; blobId: string; fileMode: FileMode };

export function commitWire(commitId: string, c: CommitObject): Json {
  return {
    commitId,
    treeId: c.treeId,
    parents: c.parents,
    message: c.message,
    author: { name: c.author.name, email: c.author.email, date: gitDate(c.author) },
    committer: { name: c.committer.name, email: c.committer.email, date: gitDate(c.committer) },
    additionalData: '',
  };
}

export function defaultMessage(r: { added: FileMeta[]; updated: FileMeta[]; deleted: FileMeta[] }): string {
  const first = r.added[0] ?? r.updated[0] ?? r.deleted[0];
  if (!first) return 'Empty commit';
  const verb = r.added[0] ? 'Added' : r.updated[0] ? 'Edited' : 'Deleted';
  const more = r.added.length + r.updated.length + r.deleted.length - 1;
  return `${verb} ${first.absolutePath}${more > 0 ? ` and ${more} more file${more > 1 ? 's' : ''}` : ''}`;
}

export function fileModeOf(value: unknown): FileMode | undefined {
  if (value === undefined || value === null) return undefined;
  if (value !== 'NORMAL' && value !== 'EXECUTABLE' && value !== 'SYMLINK') throw new AwsError('InvalidFileModeException', `The file mode '${JSON.stringify(value)}' is not valid.`);
  return value;
}

export function personOf(input: Json, nameField: string): { name?: string; email?: string } {
  const name = str(input, nameField);
  const email = str(input, 'email');
  if (name !== undefined && name.length > 1024) throw new AwsError('NameLengthExceededException', 'The user name is not valid because it has exceeded the character limit for author names.');
  if (email !== undefined && email !== '' && !/^[^\s@<>]+@[^\s@<>]+$/.test(email)) throw new AwsError('InvalidEmailException', `The email address '${email}' is not valid.`);
  return { name, email };
}

export function commitMessage(input: Json): string | undefined {
  const message = str(input, 'commitMessage');
  if (message !== undefined && Buffer.byteLength(message) > 256 * 1024) throw new AwsError('CommitMessageLengthExceededException', 'The commit message is too long. Commit messages are limited to 256 KB.');
  return message || undefined;
}

export function listOf(input: Json, field: string): Json[] {
  const v = input[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected list`);
  return v as Json[];
}

export const under = (path: string, prefix: string): boolean => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function omitUndefined<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
