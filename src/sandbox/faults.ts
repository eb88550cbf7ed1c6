import { AwsError } from './errors';
import { Rng } from './ids';

/** A fault rule for the control API; `service` and `operation` narrow it (absent = all). Rates are 0..1. */
export interface FaultRule {
  service?: string;
  operation?: string;
  throttleRate?: number;
  errorRate?: number;
  /** HTTP status of injected errors (500 or 503). */
  errorStatus?: number;
  latencyMs?: number;
  /** Drop the connection without an answer (before the operation runs). */
  dropRate?: number;
  /** Run the operation, then drop the connection: the caller never sees the answer (lost response). */
  dropResponseRate?: number;
  accessDenied?: boolean;
  expiredCredentials?: boolean;
  /** The message of the injected errors instead of the usual one (AWS messages quote names and input: tests make it hostile). */
  message?: string;
}

export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'error'; error: AwsError; latencyMs: number }
  | { kind: 'drop'; latencyMs: number }
  | { kind: 'dropResponse'; latencyMs: number };

export class Faults {
  private rules: FaultRule[] = [];
  private readonly rng = new Rng(42);

  set(rules: FaultRule[]): void {
    this.rules = rules;
  }

  list(): FaultRule[] {
    return this.rules;
  }

  decide(service: string, operation: string): FaultDecision {
    const matching = this.rules.filter((r) => (!r.service || r.service === service) && (!r.operation || r.operation === operation));
    const latencyMs = matching.reduce((sum, r) => sum + (r.latencyMs ?? 0), 0);
    for (const r of matching) {
      if (r.expiredCredentials) return { kind: 'error', latencyMs, error: new AwsError('ExpiredTokenException', r.message ?? 'The security token included in the request is expired') };
      if (r.accessDenied)
        return {
          kind: 'error',
          latencyMs,
          error: new AwsError('AccessDeniedException', r.message ?? `User: arn:aws:iam::123456789012:user/sandbox is not authorized to perform: ${service}:${operation}`),
        };
      if (r.dropRate && this.rng.next() < r.dropRate) return { kind: 'drop', latencyMs };
      if (r.throttleRate && this.rng.next() < r.throttleRate) return { kind: 'error', latencyMs, error: new AwsError('ThrottlingException', r.message ?? 'Rate exceeded') };
      if (r.errorRate && this.rng.next() < r.errorRate) {
        const status = r.errorStatus ?? 500;
        return { kind: 'error', latencyMs, error: new AwsError(status === 503 ? 'ServiceUnavailableException' : 'InternalFailure', r.message ?? 'We encountered an internal error. Please try again.', status) };
      }
      if (r.dropResponseRate && this.rng.next() < r.dropResponseRate) return { kind: 'dropResponse', latencyMs };
    }
    return { kind: 'none', latencyMs };
  }
}
