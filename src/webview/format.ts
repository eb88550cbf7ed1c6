/** Time and status formatting for the page (pure; no DOM). */
import type { ActionCategory, Status } from './protocol';

const UNITS: [number, string][] = [
  [365 * 24 * 3600_000, 'y'],
  [30 * 24 * 3600_000, 'mo'],
  [7 * 24 * 3600_000, 'w'],
  [24 * 3600_000, 'd'],
  [3600_000, 'h'],
  [60_000, 'min'],
];

/** `just now`, `5 min ago`, `3 h ago`, `2 d ago`; a future time (clock skew) reads as `just now`. */
export function relativeTime(time: number, now: number): string {
  const diff = now - time;
  if (diff < 45_000) return 'just now';
  for (const [ms, unit] of UNITS) {
    if (diff >= ms) return `${Math.floor(diff / ms)} ${unit} ago`;
  }
  return '1 min ago';
}

/** The exact time for a tooltip: local date and time with the UTC offset, e.g. `2026-01-31 14:05:09 (UTC+01:00)`. */
export function exactTime(time: number): string {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`;
}

const MAX_FORMATTED = 2000;

/**
 * A page's formatted times by timestamp: a pipeline shows fewer distinct timestamps than times (actions that changed
 * together), and they stay the same from one update to the next, so each is formatted once. One per view; bounded,
 * and dropped when the machine's time zone changes (checkTimeZone, called per render).
 */
export class TimeFormats {
  private readonly cache = new Map<number, { exact: string; iso: string }>();
  private zoneOffset?: number;

  /** exactTime(time), formatted once. */
  exact(time: number): string {
    return this.get(time).exact;
  }

  /** The machine-readable time of a `<time datetime>` (ISO 8601, UTC), formatted once. */
  iso(time: number): string {
    return this.get(time).iso;
  }

  checkTimeZone(now: number): void {
    const offset = new Date(now).getTimezoneOffset();
    if (offset !== this.zoneOffset) {
      this.cache.clear();
      this.zoneOffset = offset;
    }
  }

  private get(time: number): { exact: string; iso: string } {
    let f = this.cache.get(time);
    if (f === undefined) {
      f = { exact: exactTime(time), iso: new Date(time).toISOString() };
      if (this.cache.size >= MAX_FORMATTED) this.cache.clear();
      this.cache.set(time, f);
    }
    return f;
  }
}

/** `45 s`, `3 min 12 s`, `2 h 5 min`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

const STATUS_LABELS: Record<Status, string> = {
  queued: 'Queued',
  running: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  stopped: 'Stopped',
  waiting: 'Waiting for approval',
  skipped: 'Skipped',
  unknown: 'Not run',
};

export function statusLabel(status: Status): string {
  return STATUS_LABELS[status] ?? 'Unknown';
}

/** Codicon for a status (same as src/model/status.ts statusIcon, without the dependency). */
export function statusIconName(status: Status): string {
  switch (status) {
    case 'succeeded':
      return 'pass';
    case 'failed':
      return 'error';
    case 'running':
      return 'sync~spin';
    case 'queued':
      return 'clock';
    case 'waiting':
      return 'bell';
    case 'stopped':
      return 'debug-stop';
    case 'skipped':
      return 'debug-step-over';
    default:
      return 'circle-large-outline';
  }
}

export function categoryIconName(category: ActionCategory): string {
  switch (category) {
    case 'Source':
      return 'repo';
    case 'Build':
      return 'tools';
    case 'Test':
      return 'beaker';
    case 'Deploy':
      return 'cloud-upload';
    case 'Approval':
      return 'person';
    case 'Invoke':
      return 'zap';
    case 'Compute':
      return 'server-process';
    default:
      return 'circle-outline';
  }
}

/** A commit id as people read it: 8 characters of a 40-character SHA, anything else as is. */
export function shortRevision(id: string): string {
  return /^[0-9a-f]{40}$/i.test(id) ? id.slice(0, 8) : id;
}
