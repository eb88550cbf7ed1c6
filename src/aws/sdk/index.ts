// The one lazily loaded SDK bundle (dist/sdk.js): every @aws-sdk package the service layer uses, tree-shaken to the
// commands it calls. One bundle rather than one per service: the views create clients of four services at once, and
// separate bundles would each carry their own copy of the SDK core (about 300 KB minified apiece, against 490 KB for
// all of them together).
export * as codebuild from './codebuild';
export * as codecommit from './codecommit';
export * as codedeploy from './codedeploy';
export * as codepipeline from './codepipeline';
export * as logs from './logs';
export * as credentials from './credentials';
export * as config from './config';
