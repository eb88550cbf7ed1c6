import { AwsError } from '../../errors';
import type { Json } from '../types';

/** CodeCommit answers most input problems with its own named exceptions rather than ValidationException. */

const REPO_NAME = /^[\w.-]+$/;
const OBJECT_ID = /^[0-9a-f]{40}$/;

export function str(input: Json, field: string): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected string`);
  return v;
}

export function repositoryName(input: Json, field = 'repositoryName'): string {
  const name = str(input, field);
  if (!name) throw new AwsError('RepositoryNameRequiredException', 'A repository name is required, but was not specified.');
  checkRepositoryName(name);
  return name;
}

export function checkRepositoryName(name: string): void {
  if (name.length > 100 || !REPO_NAME.test(name) || name.endsWith('.git'))
    throw new AwsError(
      'InvalidRepositoryNameException',
      `The repository name '${name}' is not valid. Repository names can be any valid combination of letters, numbers, periods, underscores, and dashes between 1 and 100 characters in length. Names are case sensitive and cannot end in .git.`,
    );
}

export function branchName(input: Json, field = 'branchName'): string {
  const name = str(input, field);
  if (!name) throw new AwsError('BranchNameRequiredException', 'A branch name is required, but was not specified.');
  if (!isValidRefName(name) || name.length > 256) throw new AwsError('InvalidBranchNameException', `The branch name '${name}' is not valid.`);
  return name;
}

/** The rules of `git check-ref-format` that matter for branch names. */
export function isValidRefName(name: string): boolean {
  return (
    name.length > 0 &&
    !/[\s~^:?*[\\]/.test(name) &&
    ![...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) &&
    !name.includes('..') &&
    !name.includes('@{') &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock') &&
    !name.includes('//')
  );
}

export const isObjectId = (id: string): boolean => OBJECT_ID.test(id);

/** A repository path without its leading slash; refuses empty, `..` and trailing-slash paths. */
export function filePath(input: Json, field: string, { allowRoot = false } = {}): string {
  const raw = str(input, field);
  if (raw === undefined || (raw === '' && !allowRoot)) throw new AwsError('PathRequiredException', 'The folderPath for a location cannot be null.');
  const path = raw.replace(/^\/+/, '');
  if (allowRoot && (path === '' || path === '/')) return '';
  const parts = path.replace(/\/$/, allowRoot ? '' : '/').split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..') || path.length > 4096)
    throw new AwsError('InvalidPathException', `The specified path '${raw}' is not valid.`);
  return parts.join('/');
}

export function encodeRefName(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
}

export function decodeRefName(ref: string): string {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
}
