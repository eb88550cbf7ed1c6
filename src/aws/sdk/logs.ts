// Loaded lazily by ../clients.ts (a separate bundle, dist/sdk/logs.js): only what the service layer uses.
export { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
