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
  // Build logs, status bar, where is my commit (issue 7)
  openBuildLog: 'awsDevTools.build.openLog',
  openBuildLogAtError: 'awsDevTools.build.openLogAtError',
  statusBarOpen: 'awsDevTools.statusBar.open',
  whereIsMyCommit: 'awsDevTools.commit.whereIs',
} as const;

/** The pipeline panel's webview type (also `onWebviewPanel:` activation and the serializer). */
export const PIPELINE_PANEL_VIEW_TYPE = 'awsDevTools.pipelinePanel';

export const ContextKeys = {
  hasConnection: 'awsDevTools.hasConnection',
} as const;

/** The build log documents' URI scheme: `aws-devtools-log:/<buildId>.log?<connection>`. */
export const BUILD_LOG_SCHEME = 'aws-devtools-log';

/** The notifications setting (`awsDevTools.notifications`: all | failuresAndApprovals | none). */
export const NOTIFICATIONS_SETTING = { section: 'awsDevTools', key: 'notifications' } as const;
