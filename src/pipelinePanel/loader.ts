/**
 * What one panel refresh fetches, kept between refreshes (the structure is re-read only when the pipeline's version
 * changes; a finished execution's details are not re-read). Pure (no 'vscode'): tested against the Sandbox.
 */
import type { ActionExecution, PipelineExecution, PipelineState, PipelineStructure } from '../model/codepipeline';
import type { PanelData } from './mapper';
import type { PipelineApi } from './types';

export const HISTORY_LIMIT = 25;

export class PipelineLoader {
  structure?: PipelineStructure;
  state?: PipelineState;
  executions: PipelineExecution[] = [];
  execution?: PipelineExecution;
  selected?: { executionId: string; actions: ActionExecution[] };

  constructor(
    readonly pipelineName: string,
    private readonly onWarning: (message: string) => void = () => undefined,
  ) {}

  /** One refresh: state + history (+ structure when its version changed) + the header execution (+ the selected execution's actions). */
  async load(api: PipelineApi, selectedExecutionId: string | undefined): Promise<void> {
    const name = this.pipelineName;
    const [state, executions] = await Promise.all([api.getPipelineState(name), api.listExecutions(name, { limit: HISTORY_LIMIT })]);
    const structure = !this.structure || (state.version !== undefined && this.structure.version !== state.version) ? await api.getPipeline(name) : this.structure;
    const headerId = selectedExecutionId ?? executions[0]?.id;
    const summary = executions.find((e) => e.id === headerId);
    const reuse = this.execution && this.execution.id === headerId && summary && this.execution.rawStatus === summary.rawStatus && summary.status !== 'running';
    const [execution, actions] = await Promise.all([
      reuse
        ? this.execution
        : headerId
          ? api.getExecution(name, headerId).catch((e: unknown) => {
              this.onWarning(`GetPipelineExecution ${headerId}: ${e instanceof Error ? e.message : String(e)}`);
              return undefined;
            })
          : undefined,
      selectedExecutionId ? api.listActionExecutions(name, selectedExecutionId) : undefined,
    ]);
    this.structure = structure;
    this.state = state;
    this.executions = executions;
    this.execution = execution;
    this.selected = selectedExecutionId && actions ? { executionId: selectedExecutionId, actions } : undefined;
  }

  /** Back to the live view. */
  clearSelection(): void {
    this.selected = undefined;
  }

  data(connectionLabel: string, now: number, error?: string): PanelData {
    return {
      pipelineName: this.pipelineName,
      connectionLabel,
      structure: this.structure,
      state: this.state,
      executions: this.executions,
      execution: this.execution,
      selected: this.selected,
      ...(error ? { error } : {}),
      now,
    };
  }
}
