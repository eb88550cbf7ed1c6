/**
 * Checks a JSON response body against the official service model's output shape (the models shipped in the `aws-sdk`
 * v2 package: structures, members, required members and types; no enums or length limits). Use on the raw wire
 * JSON (what the Sandbox sent), e.g. from `rawCall`, or on an SDK output after `toWire`.
 */
import * as assert from 'assert';

type Shape = {
  shape?: string;
  type?: string;
  members?: Record<string, Shape>;
  member?: Shape;
  key?: Shape;
  value?: Shape;
  required?: string[];
};
interface Model {
  operations: Record<string, { input?: Shape; output?: Shape }>;
  shapes: Record<string, Shape>;
  metadata: { timestampFormat?: string };
}

const files = {
  codebuild: 'codebuild-2016-10-06',
  codepipeline: 'codepipeline-2015-07-09',
  codedeploy: 'codedeploy-2014-10-06',
  codecommit: 'codecommit-2015-04-13',
  logs: 'logs-2014-03-28',
} as const;
export type ServiceName = keyof typeof files;

const cache = new Map<ServiceName, Model>();
function model(service: ServiceName): Model {
  let m = cache.get(service);
  if (!m) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    m = require(`aws-sdk/apis/${files[service]}.min.json`) as Model;
    cache.set(service, m);
  }
  return m;
}

function resolve(m: Model, s: Shape): Shape {
  return s.shape ? { ...(m.shapes[s.shape] ?? {}) } : s;
}

/** Returns the list of mismatches between `value` and the operation's output shape (empty when it matches). */
export function modelMismatches(service: ServiceName, operation: string, value: unknown): string[] {
  const m = model(service);
  const op = m.operations[operation];
  if (!op) return [`${service} has no operation ${operation} in its model`];
  const problems: string[] = [];
  check(m, op.output ?? { type: 'structure', members: {} }, value, operation, problems);
  return problems;
}

export function assertMatchesModel(service: ServiceName, operation: string, value: unknown): void {
  const problems = modelMismatches(service, operation, value);
  assert.deepStrictEqual(problems, [], `${service}.${operation} response does not match the model:\n${problems.join('\n')}`);
}

function check(m: Model, raw: Shape, value: unknown, at: string, problems: string[]): void {
  const s = resolve(m, raw);
  const type = s.type ?? 'string';
  if (value === null || value === undefined) return;
  switch (type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${at}: expected structure, got ${typeof value}`);
      const obj = value as Record<string, unknown>;
      for (const req of s.required ?? []) if (obj[req] === undefined) problems.push(`${at}.${req}: required member missing`);
      for (const [k, v] of Object.entries(obj)) {
        const member = s.members?.[k];
        if (!member) problems.push(`${at}.${k}: not a member of the model's shape`);
        else check(m, member, v, `${at}.${k}`, problems);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return void problems.push(`${at}: expected list, got ${typeof value}`);
      value.forEach((v, i) => check(m, s.member ?? {}, v, `${at}[${i}]`, problems));
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${at}: expected map`);
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) check(m, s.value ?? {}, v, `${at}{${k}}`, problems);
      return;
    case 'timestamp':
      if (typeof value !== 'number') problems.push(`${at}: expected a timestamp as epoch seconds (number), got ${JSON.stringify(value)}`);
      else if (value > 1e11) problems.push(`${at}: timestamp ${value} looks like milliseconds, expected epoch seconds`);
      return;
    case 'long':
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) problems.push(`${at}: expected integer, got ${JSON.stringify(value)}`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') problems.push(`${at}: expected number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${at}: expected boolean`);
      return;
    case 'blob':
    case 'string':
      if (typeof value !== 'string') problems.push(`${at}: expected string, got ${JSON.stringify(value)}`);
      return;
    default:
      return;
  }
}
