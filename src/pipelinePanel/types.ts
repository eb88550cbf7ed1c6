/**
 * What the pipeline panel needs from the rest of the extension, as narrow interfaces: the composition root passes
 * the real service layer (AwsSession.codepipeline), tests pass fakes.
 */
import type { Connection } from '../model/connection';
import type { ActionExecution, PipelineExecution, PipelineState, PipelineStructure } from '../model/codepipeline';

/** The CodePipeline calls the panel makes (the shape of src/aws/codepipeline.ts CodePipelineService). */
export interface PipelineApi {
  listPipelines(): Promise<{ name: string }[]>;
  getPipeline(name: string): Promise<PipelineStructure>;
  getPipelineState(name: string): Promise<PipelineState>;
  listExecutions(pipelineName: string, options?: { limit?: number }): Promise<PipelineExecution[]>;
  getExecution(pipelineName: string, executionId: string): Promise<PipelineExecution>;
  listActionExecutions(pipelineName: string, executionId: string): Promise<ActionExecution[]>;
  startExecution(pipelineName: string, options?: { variables?: { name: string; value: string }[] }): Promise<string>;
  stopExecution(pipelineName: string, executionId: string, options?: { abandon?: boolean; reason?: string }): Promise<void>;
  retryStage(pipelineName: string, stageName: string, executionId: string, retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS'): Promise<string>;
  putApprovalResult(input: { pipelineName: string; stageName: string; actionName: string; approved: boolean; summary?: string; token?: string }): Promise<void>;
  enableTransition(pipelineName: string, stageName: string): Promise<void>;
  disableTransition(pipelineName: string, stageName: string, reason: string): Promise<void>;
}

export interface PanelServices {
  /** The CodePipeline service of a connection (SessionRegistry.get(c).codepipeline). */
  pipelines(connection: Connection): PipelineApi;
  /**
   * After a window reload the serializer gets the connection the panel was opened with; this maps it to the live one
   * (e.g. the Sandbox on a new port). Undefined: the connection is gone (the panel says so).
   */
  resolveConnection?(saved: Connection): Connection | undefined;
  /** The connections the Explorer shows (for the command palette's pickers). */
  connections?(): readonly Connection[];
  /** Label of a connection, e.g. `dev (eu-west-1)`. */
  label?(connection: Connection): string;
}
