import { ACCOUNT_ID, Rng, sha1, ts } from '../../ids';
import type { Json } from '../types';
import type { ReportGroupRec, ReportRec } from './model';

/**
 * Test reports: a build whose BUILD phase ran writes a JUnit report into the report group `<project>-tests` (created
 * on first use, as CodeBuild does for a buildspec `reports:` section). Only counts are stored; the test cases are
 * generated from the report's seed when asked for.
 */
const RETENTION_MS = 30 * 86_400_000;

const SUITES = ['orders', 'payments', 'refunds', 'users', 'auth', 'cart', 'inventory', 'config', 'retry', 'money'];
const CASES = [
  'creates a record',
  'rejects invalid input',
  'returns 404 for a missing id',
  'paginates results',
  'retries on throttling',
  'formats dates in UTC',
  'rounds currency correctly',
  'emits an audit event',
  'handles a timeout',
  'rejects a negative amount',
];

export const reportGroupName = (project: string): string => `${project}-tests`;
export const reportGroupArn = (region: string, project: string): string => `arn:aws:codebuild:${region}:${ACCOUNT_ID}:report-group/${reportGroupName(project)}`;

export function newReport(opts: { region: string; project: string; buildId: string; buildArn: string; at: number; failed: boolean }): ReportRec {
  const rng = new Rng(parseInt(sha1(opts.buildId).slice(8, 16), 16));
  const total = rng.int(24, 60);
  const failed = opts.failed ? rng.int(1, 3) : 0;
  const skipped = rng.int(0, 2);
  const uuid = opts.buildId.slice(opts.buildId.indexOf(':') + 1);
  return {
    arn: `arn:aws:codebuild:${opts.region}:${ACCOUNT_ID}:report/${reportGroupName(opts.project)}:${uuid}`,
    name: reportGroupName(opts.project),
    reportGroupArn: reportGroupArn(opts.region, opts.project),
    executionId: opts.buildArn,
    status: failed ? 'FAILED' : 'SUCCEEDED',
    created: opts.at,
    total,
    failed,
    skipped,
    seed: opts.buildId,
  };
}

export function reportWire(r: ReportRec): Json {
  const cases = testCases(r);
  const duration = cases.reduce((n, c) => n + (c.durationInNanoSeconds as number), 0);
  return {
    arn: r.arn,
    type: 'TEST',
    name: r.name,
    reportGroupArn: r.reportGroupArn,
    executionId: r.executionId,
    status: r.status,
    created: ts(r.created),
    expired: ts(r.created + RETENTION_MS),
    exportConfig: { exportConfigType: 'NO_EXPORT' },
    truncated: false,
    testSummary: {
      total: r.total,
      statusCounts: { SUCCEEDED: r.total - r.failed - r.skipped, FAILED: r.failed, SKIPPED: r.skipped, ERROR: 0, UNKNOWN: 0 },
      durationInNanoSeconds: duration,
    },
  };
}

export function reportGroupWire(g: ReportGroupRec): Json {
  return {
    arn: g.arn,
    name: g.name,
    type: 'TEST',
    exportConfig: { exportConfigType: 'NO_EXPORT' },
    created: ts(g.created),
    lastModified: ts(g.lastModified),
    tags: [],
    status: 'ACTIVE',
  };
}

/** The report's test cases: failed ones first (as the console lists them), then the rest by suite. */
export function testCases(r: ReportRec): Json[] {
  const rng = new Rng(parseInt(sha1(r.seed).slice(16, 24), 16));
  const offset = rng.int(0, SUITES.length - 1);
  const out: Json[] = [];
  for (let k = 0; k < r.total; k++) {
    const suite = SUITES[(Math.floor(k / CASES.length) + offset) % SUITES.length];
    const name = CASES[k % CASES.length];
    const status = k < r.failed ? 'FAILED' : k < r.failed + r.skipped ? 'SKIPPED' : 'SUCCEEDED';
    const tc: Json = {
      reportArn: r.arn,
      testRawDataPath: `/codebuild/output/src/reports/junit.xml`,
      prefix: `src/${suite}/${suite}.test.ts`,
      name: `${suite} › ${name}`,
      status,
      durationInNanoSeconds: status === 'SKIPPED' ? 0 : rng.int(2, 900) * 1_000_000,
      expired: ts(r.created + RETENTION_MS),
    };
    if (status === 'FAILED') tc.message = `expect(received).toBe(expected) // Object.is equality\n\nExpected: 400\nReceived: 500\n    at Object.<anonymous> (src/${suite}/${suite}.test.ts:${20 + k}:31)`;
    out.push(tc);
  }
  return out;
}
