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
  // Connections (Explorer)
  addConnection: 'awsDevTools.connection.add',
  removeConnection: 'awsDevTools.connection.remove',
  switchRegion: 'awsDevTools.connection.switchRegion',
  signIn: 'awsDevTools.connection.signIn',
  openSandbox: 'awsDevTools.sandbox.open',
  refresh: 'awsDevTools.refresh',
  // Explorer: per-view filters, paging, links
  filterRepositories: 'awsDevTools.filter.repositories',
  filterBuilds: 'awsDevTools.filter.builds',
  filterDeployments: 'awsDevTools.filter.deployments',
  filterPipelines: 'awsDevTools.filter.pipelines',
  filterApprovals: 'awsDevTools.filter.approvals',
  loadMore: 'awsDevTools.loadMore',
  openInConsole: 'awsDevTools.openInConsole',
  copyId: 'awsDevTools.copyId',
  copyArn: 'awsDevTools.copyArn',
  // CodeBuild
  startBuild: 'awsDevTools.build.start',
  stopBuild: 'awsDevTools.build.stop',
  retryBuild: 'awsDevTools.build.retry',
  openBuildLogs: 'awsDevTools.build.openLogs',
  // CodePipeline
  startExecution: 'awsDevTools.pipeline.start',
  stopExecution: 'awsDevTools.pipeline.stop',
  retryStage: 'awsDevTools.pipeline.retryStage',
  approve: 'awsDevTools.pipeline.approve',
  reject: 'awsDevTools.pipeline.reject',
  enableTransition: 'awsDevTools.pipeline.enableTransition',
  disableTransition: 'awsDevTools.pipeline.disableTransition',
  // CodeDeploy
  createDeployment: 'awsDevTools.deployment.create',
  stopDeployment: 'awsDevTools.deployment.stop',
  continueDeployment: 'awsDevTools.deployment.continue',
  /** Args: `{ connection, deploymentId }` (the pipeline panel's deploy link); selects the deployment in the Deployments view. */
  revealDeployment: 'awsDevTools.deployment.reveal',
  // CodeCommit
  cloneRepository: 'awsDevTools.repository.clone',
  copyCloneUrl: 'awsDevTools.repository.copyCloneUrl',
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
  /** More than one connection: each view's roots are the connections. */
  multipleConnections: 'awsDevTools.multipleConnections',
} as const;

/** Explorer settings (package.json contributes.configuration). */
export const Settings = {
  section: 'awsDevTools',
  activeIntervalSeconds: 'refresh.activeIntervalSeconds',
  idleIntervalSeconds: 'refresh.idleIntervalSeconds',
  sandboxSpeed: 'sandbox.speed',
  myIdentity: 'explorer.myIdentity',
} as const;

/** The build log documents' URI scheme: `aws-devtools-log:/<buildId>.log?<connection>`. */
export const BUILD_LOG_SCHEME = 'aws-devtools-log';

/** The notifications setting (`awsDevTools.notifications`: all | failuresAndApprovals | none). */
export const NOTIFICATIONS_SETTING = { section: 'awsDevTools', key: 'notifications' } as const;
