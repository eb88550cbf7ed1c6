// The lazily loaded service layer (dist/services.js, required by ./sessionRegistry.ts on the first session): the
// session, its clients and the five services. The SDK itself stays one step further away, in dist/sdk.js.
export { AwsSession } from './session';
export { loadedSdkModules } from './sdkLoader';
