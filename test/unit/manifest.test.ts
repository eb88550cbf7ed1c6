import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommandIds, ViewIds } from '../../src/constants';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('contributes exactly the commands in constants.ts, each with a category and a codicon', () => {
    const contributed = (manifest.contributes.commands as { command: string; category?: string; icon?: string }[]);
    assert.deepStrictEqual(contributed.map((c) => c.command).sort(), Object.values(CommandIds).sort());
    for (const c of contributed) {
      assert.ok(c.category, `${c.command} has a category`);
      assert.match(String(c.icon), /^\$\([a-z0-9-~]+\)$/, `${c.command} has a codicon`);
    }
  });

  it('contributes the five views of the AWS DevTools container', () => {
    const views = manifest.contributes.views.awsDevTools as { id: string }[];
    assert.deepStrictEqual(views.map((v) => v.id), Object.values(ViewIds));
    assert.strictEqual(manifest.contributes.viewsContainers.activitybar[0].title, 'AWS DevTools');
  });

  it('activates lazily: no "*" and no onStartupFinished', () => {
    const events: string[] = manifest.activationEvents ?? [];
    assert.ok(!events.includes('*'));
    assert.ok(!events.includes('onStartupFinished'));
  });

  it('every command registered in the source is contributed', () => {
    const src = fs.readFileSync(path.join(root, 'src/constants.ts'), 'utf8');
    const ids = [...src.matchAll(/'(awsDevTools\.[a-zA-Z.]+)'/g)].map((m) => m[1]);
    const commandLike = ids.filter((id) => Object.values(CommandIds).includes(id as never));
    assert.deepStrictEqual(commandLike.sort(), Object.values(CommandIds).sort());
  });
});

describe('package.json menus against the Explorer contextValues', () => {
  // Imported here (not at the top) so this block reads on its own; the builder is pure (no 'vscode').
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NODE_KINDS, CONTEXT_FLAGS, contextValue } = require('../../src/views/presentation') as typeof import('../../src/views/presentation');
  const tokens = new Set<string>([...NODE_KINDS, ...CONTEXT_FLAGS]);
  type MenuItem = { command: string; when?: string; group?: string };
  const menus = manifest.contributes.menus as Record<string, MenuItem[]>;
  const itemMenus = menus['view/item/context'] ?? [];
  const regexesOf = (when: string) => [...when.matchAll(/viewItem\s*=~\s*\/((?:\\\/|[^/])+)\//g)].map((m) => m[1]);

  it('every viewItem test is a \\b- or ^-anchored regex over known tokens only', () => {
    assert.ok(itemMenus.length > 20);
    for (const item of itemMenus) {
      assert.ok(item.when, `${item.command} has a when clause`);
      assert.ok(!/viewItem\s*==/.test(item.when), `${item.command}: contextValue is tokens, match with =~ not ==`);
      const regexes = regexesOf(item.when);
      assert.ok(regexes.length > 0, `${item.command}: '${item.when}' tests viewItem`);
      for (const source of regexes) {
        const words = source.replace(/\\b|\(\?!|\.\*|[()|^$?]/g, ' ').split(/\s+/).filter(Boolean);
        for (const w of words) assert.ok(tokens.has(w), `${item.command}: '${w}' in /${source}/ is not a contextValue token`);
        assert.match(source, /^(\^|\\b)/, `${item.command}: /${source}/ is anchored`);
      }
    }
  });

  it('every menu command is contributed; every item command matches some node the Explorer makes', () => {
    const contributed = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const list of Object.values(menus)) for (const m of list) assert.ok(contributed.has(m.command), `${m.command} is contributed`);
    // Each item menu's when clause is satisfiable by a real contextValue (the kind + flags it names).
    for (const item of itemMenus.filter((i) => i.command.startsWith('awsDevTools.'))) {
      const regexes = regexesOf(item.when!).map((s) => new RegExp(s));
      const satisfied = NODE_KINDS.some((kind) => {
        const all = Object.fromEntries(CONTEXT_FLAGS.map((f) => [f, true]));
        const noSandbox = { ...all, sandbox: false };
        return [all, noSandbox].some((flags) => regexes.every((r) => r.test(contextValue(kind, flags))));
      });
      assert.ok(satisfied, `${item.command}: '${item.when}' matches no contextValue`);
    }
  });

  it('node-only commands are hidden from the palette; every view has refresh and filter buttons', () => {
    const palette = new Map((menus.commandPalette ?? []).map((m) => [m.command, m.when]));
    for (const id of ['awsDevTools.loadMore', 'awsDevTools.build.stop', 'awsDevTools.build.retry', 'awsDevTools.deployment.stop', 'awsDevTools.deployment.reveal', 'awsDevTools.pipeline.retryStage', 'awsDevTools.copyId']) {
      assert.strictEqual(palette.get(id), 'false', `${id} is hidden from the palette`);
    }
    const title = menus['view/title'] ?? [];
    for (const view of Object.values(ViewIds)) {
      assert.ok(title.some((m) => m.command === 'awsDevTools.refresh' && m.when?.includes(`view == ${view}`)), `${view} has Refresh`);
      assert.ok(title.some((m) => m.command.startsWith('awsDevTools.filter.') && m.when?.includes(`view == ${view}`)), `${view} has Filter`);
    }
  });

  it('every setting has a description; the welcome content offers a profile and the Sandbox', () => {
    for (const [key, prop] of Object.entries(manifest.contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>)) {
      assert.ok(prop.description || prop.markdownDescription, `${key} has a description`);
    }
    for (const w of manifest.contributes.viewsWelcome as { contents: string; when: string }[]) {
      assert.match(w.contents, /command:awsDevTools\.connection\.add/);
      assert.match(w.contents, /command:awsDevTools\.sandbox\.open/);
    }
  });
});
