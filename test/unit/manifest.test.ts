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
