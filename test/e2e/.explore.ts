// temporary exploration harness (not committed)
import * as fs from 'fs';
import { Workbench } from './workbench';
import { Sandbox } from '../../src/sandbox/sandbox';
async function main() {
  const sb = await Sandbox.start({ port: 0, seed: 'demo', speed: 1 });
  const wb = await Workbench.open({ vsix: '/tmp/awsdt-pkg/aws-devtools.vsix', env: { AWS_DEVTOOLS_SANDBOX_URL: sb.endpoint }, userSettings: { 'awsDevTools.refresh.activeIntervalSeconds': 1, 'git.enabled': true } });
  const page = wb.page;
  console.log('ready', sb.endpoint, sb.controlToken);
  fs.writeFileSync('/tmp/explore/ready', '1');
  let n = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const f = `/tmp/explore/cmd${n}.ts`;
    if (!fs.existsSync(f)) continue;
    const code = fs.readFileSync(f, 'utf8');
    let out: string;
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const fn = new Function('wb', 'page', 'sb', 'fs', `return (async () => { ${code} })()`);
      out = JSON.stringify(await fn(wb, page, sb, fs), null, 1);
    } catch (e) { out = 'ERR ' + (e instanceof Error ? e.stack : String(e)); }
    fs.writeFileSync(`/tmp/explore/out${n}.txt`, out ?? 'undefined');
    n++;
    if (code.includes('//STOP')) { await wb.stop(); await sb.stop(); process.exit(0); }
  }
}
void main();
