/**
 * The phases of a CodeBuild log, indexed as its lines arrive (incremental: each line is looked at once, so a
 * 100,000-line log costs one pass). CodeBuild's agent writes `[Container] <date> <time> Entering phase BUILD`
 * (`Phase is DOWNLOAD_SOURCE` for the source phase) when a phase starts and `Phase complete: BUILD State: FAILED`
 * when it ends; the lines before the first marker are the provisioning phase. Pure: no `vscode`.
 */
export interface LogPhase {
  name: string;
  /** 0-based line of the phase's first line (its marker). */
  startLine: number;
  /** 0-based last line (inclusive); grows while the phase is the last one. */
  endLine: number;
  /** From `Phase complete: X State: <state>`, when seen. */
  state?: string;
  /** The first line that looks like an error: a tool's own output first, else the agent's failure lines. */
  firstErrorLine?: number;
}

const PHASE_START = /^\[Container\] .*?\b(?:Entering phase|Phase is) ([A-Z][A-Z_]*)\s*$/;
const PHASE_COMPLETE = /^\[Container\] .*?\bPhase complete: ([A-Z][A-Z_]*) State: ([A-Z_]+)/;
/** Words tools print on errors; `0 errors`, `no failures` and the like are not errors. */
const ERROR_WORDS = /(?:^|[\s:[(>])(?:(?:error|errors|fail|failed|failure|fatal|exception|traceback|panic)\b|err!)/i;
const NOT_ERROR = /\b(?:0|no|zero) (?:errors?|failures?|failed)\b|\berrors?: 0\b|\bfailed: 0\b/i;
const AGENT_FAILURE = /\b(?:Command did not exit successfully|State: (?:FAILED|FAULT|TIMED_OUT)|Error\b)/;

export const PROVISIONING = 'PROVISIONING';

/** Whether a line of tool output reads as an error. */
export function isErrorLine(line: string): boolean {
  return ERROR_WORDS.test(line) && !NOT_ERROR.test(line);
}

export class PhaseIndex {
  private readonly list: LogPhase[] = [];
  /** Per phase: the first agent failure line, used when the tool printed nothing recognisable. */
  private readonly agentErrors = new Map<LogPhase, number>();
  private lines = 0;

  get phases(): readonly LogPhase[] {
    return this.list;
  }

  get lineCount(): number {
    return this.lines;
  }

  /** Indexes the next lines of the log (in order). */
  add(lines: readonly string[]): void {
    for (const line of lines) this.addLine(line, this.lines++);
  }

  private addLine(line: string, n: number): void {
    const start = PHASE_START.exec(line);
    if (start) {
      this.list.push({ name: start[1], startLine: n, endLine: n });
      return;
    }
    let phase = this.list[this.list.length - 1];
    if (!phase) {
      phase = { name: PROVISIONING, startLine: n, endLine: n };
      this.list.push(phase);
    }
    phase.endLine = n;
    const complete = PHASE_COMPLETE.exec(line);
    if (complete) {
      const target = complete[1] === phase.name ? phase : [...this.list].reverse().find((p) => p.name === complete[1]);
      if (target) target.state = complete[2];
    }
    if (phase.firstErrorLine !== undefined) return;
    if (line.startsWith('[Container] ')) {
      if (!this.agentErrors.has(phase) && AGENT_FAILURE.test(line.slice(12))) this.agentErrors.set(phase, n);
    } else if (isErrorLine(line)) {
      phase.firstErrorLine = n;
    }
  }

  /** The phase called `name` (the last one, if a phase appears twice), or undefined. */
  find(name: string): LogPhase | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].name === name) return this.list[i];
    return undefined;
  }

  /** The first failed phase seen in the log (its `Phase complete` said FAILED, FAULT or TIMED_OUT). */
  failedPhase(): LogPhase | undefined {
    return this.list.find((p) => p.state !== undefined && p.state !== 'SUCCEEDED');
  }

  /**
   * The line to reveal for a phase's first error: a tool's error line; else the agent's failure line; else the
   * phase's first line. Undefined when the phase is not in the log (yet).
   */
  errorLine(name?: string): number | undefined {
    const phase = name ? this.find(name) : this.failedPhase();
    if (!phase) return undefined;
    return phase.firstErrorLine ?? this.agentErrors.get(phase) ?? phase.startLine;
  }

  /** Whether `errorLine(name)` is final: the phase has ended (or a tool error line was found). */
  errorSettled(name?: string): boolean {
    const phase = name ? this.find(name) : this.failedPhase();
    if (!phase) return false;
    return phase.firstErrorLine !== undefined || phase.state !== undefined || phase !== this.list[this.list.length - 1];
  }
}
