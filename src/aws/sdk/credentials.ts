// Loaded lazily by ../credentials.ts (a separate bundle, dist/sdk/credentials.js) when a profile connection first
// needs credentials; the Sandbox connection never loads it.
export { fromEnv, fromIni } from '@aws-sdk/credential-providers';
