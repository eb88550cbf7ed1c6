/**
 * Workspace trust (issue 10): a workspace (a cloned repository's .vscode/settings.json) must not be able to point the
 * extension at another endpoint or other credentials. Every setting whose name is about endpoints, profiles,
 * credentials or the Sandbox is `application` or `machine` scoped (workspace and folder values are ignored for those),
 * and the extension declares how it behaves in untrusted workspaces.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

interface Setting {
  scope?: string;
}
interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes?: { configuration?: { properties?: Record<string, Setting> } | { properties?: Record<string, Setting> }[] };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const configuration = manifest.contributes?.configuration;
const settings: Record<string, Setting> = Object.assign({}, ...(Array.isArray(configuration) ? configuration : [configuration ?? {}]).map((c) => c.properties ?? {}));
const SENSITIVE = /endpoint|profile|credential|sandbox|region|proxy|certificate|\burl\b|token|secret|key/i;

describe('security: workspace trust in package.json', () => {
  it('declares its behaviour in untrusted workspaces', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.ok(trust, 'capabilities.untrustedWorkspaces is declared');
    assert.ok(trust.supported === true || trust.supported === false || trust.supported === 'limited', `supported is true, false or 'limited' (${String(trust.supported)})`);
    if (trust.supported !== true) assert.ok(trust.description, 'a limited or unsupported mode says why in description');
    for (const key of trust.restrictedConfigurations ?? []) assert.ok(settings[key], `restrictedConfigurations names a contributed setting (${key})`);
  });

  it('settings that change endpoints, profiles, credentials or the Sandbox are application or machine scoped', () => {
    const sensitive = Object.keys(settings).filter((k) => SENSITIVE.test(k.replace(/^awsDevTools\./, '')));
    const wrong = sensitive.filter((k) => !['application', 'machine'].includes(settings[k].scope ?? 'window')).map((k) => `${k} (scope ${settings[k].scope ?? 'window, the default'})`);
    assert.deepStrictEqual(wrong, [], 'a workspace could set these; give them "scope": "application" or "machine"');
  });
});
