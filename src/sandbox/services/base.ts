import type { Sandbox } from '../sandbox';
import type { Operation, SandboxService } from './types';

/** Common plumbing of a Sandbox service: JSON state that persists (its maps made with dict()), reset and load. */
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
    this.state = this.revive({ ...this.initialState(), ...(state as S) });
  }

  /**
   * Makes the maps of a state loaded from JSON (ordinary objects from JSON.parse) maps without a prototype again, as
   * `initialState` and the services make them: see ../dict.ts. Modifies `state` and returns it.
   */
  protected abstract revive(state: S): S;

  reset(): void {
    this.state = this.initialState();
  }
}
