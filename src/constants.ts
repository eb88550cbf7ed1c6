/** Every identifier the manifest and the code share. A unit test checks them against package.json. */
export const EXTENSION_ID = 'aws-devtools-oss.aws-devtools';

export const ViewIds = {
  repositories: 'awsDevTools.repositories',
  builds: 'awsDevTools.builds',
  deployments: 'awsDevTools.deployments',
  pipelines: 'awsDevTools.pipelines',
  approvals: 'awsDevTools.approvals',
} as const;
export type ViewKey = keyof typeof ViewIds;

export const CommandIds = {
  addConnection: 'awsDevTools.connection.add',
  openSandbox: 'awsDevTools.sandbox.open',
  refresh: 'awsDevTools.refresh',
  openPipelinePanel: 'awsDevTools.pipeline.openPanel',
} as const;

/** The pipeline panel's webview type (also `onWebviewPanel:` activation and the serializer). */
export const PIPELINE_PANEL_VIEW_TYPE = 'awsDevTools.pipelinePanel';

export const ContextKeys = {
  hasConnection: 'awsDevTools.hasConnection',
} as const;
