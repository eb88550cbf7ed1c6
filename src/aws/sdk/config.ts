// The shared config / credentials file loader profiles.ts lists profiles with. Part of the lazily loaded SDK bundle
// (dist/sdk.js), which carries this package anyway for the credential providers: the main bundle holds no @smithy code.
export { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
