import type { Sandbox } from '../sandbox';
import type { Operation, SandboxService } from './types';

/** Common plumbing of a Sandbox service: JSON state that persists, reset and load. */
export abstract class BaseService<S> implements SandboxService {
  abstract readonly name: SandboxService['name'];
  abstract readonly targetPrefix: string;
  abstract readonly operations: Record<string, Operation>;
  state: S;

  constructor(protected readonly sandbox: Sandbox) {
    this.state = this.initialState();
  }

  protected abstract initialState(): S;

  /** Advances state machines to `now`; services without any leave it empty. */
  tick(_now: number): void {}

  toJSON(): unknown {
    return this.state;
  }

  load(state: unknown): void {
    this.state = { ...this.initialState(), ...(state as S) };
  }

  reset(): void {
    this.state = this.initialState();
  }
}
