import type { Sandbox } from '../sandbox';

/**
 * The demo company's repositories: `web-app`, `api-service` and `infra`, each with a few weeks of history on main,
 * a develop branch, a feature branch and open pull requests. Commits go through CodeCommit's internal path with
 * `notify: false`, so seeding never starts a pipeline.
 */

interface Author {
  name: string;
  email: string;
  tz: string;
}

const PEOPLE: Record<string, Author> = {
  maria: { name: 'Maria Garcia', email: 'maria.garcia@example.com', tz: '+0100' },
  kenji: { name: 'Kenji Tanaka', email: 'kenji.tanaka@example.com', tz: '+0900' },
  priya: { name: 'Priya Natarajan', email: 'priya.natarajan@example.com', tz: '+0530' },
  tom: { name: 'Tom Becker', email: 'tom.becker@example.com', tz: '+0200' },
  alex: { name: 'Alex Johnson', email: 'alex.johnson@example.com', tz: '-0500' },
  sam: { name: 'Sam Okafor', email: 'sam.okafor@example.com', tz: '+0000' },
};

/** One commit of the history: files to write (null deletes), on a branch, `hoursAgo` before the seed time. */
interface Step {
  branch: string;
  /** Where a new branch starts. */
  from?: string;
  who: keyof typeof PEOPLE;
  hoursAgo: number;
  message: string;
  files: Record<string, string | null>;
}

interface PullRequestSeed {
  title: string;
  description: string;
  source: string;
  destination: string;
  who: keyof typeof PEOPLE;
  hoursAgo: number;
}

const DAY = 24;

const pkg = (name: string, version: string, deps: Record<string, string>, scripts: Record<string, string>) =>
  `${JSON.stringify({ name, version, private: true, scripts, dependencies: deps }, null, 2)}\n`;

const buildspec = (install: string, build: string[], artifacts: string[]) => `version: 0.2

phases:
  install:
    runtime-versions:
      nodejs: 20
    commands:
      - ${install}
  pre_build:
    commands:
      - npm run lint
  build:
    commands:
${build.map((c) => `      - ${c}`).join('\n')}

reports:
  unit-tests:
    files:
      - 'reports/junit.xml'
    file-format: JUNITXML

artifacts:
  files:
${artifacts.map((a) => `    - '${a}'`).join('\n')}
`;

const appspec = (destination: string) => `version: 0.0
os: linux
files:
  - source: /
    destination: ${destination}
hooks:
  ApplicationStop:
    - location: scripts/stop_server.sh
      timeout: 60
      runas: root
  BeforeInstall:
    - location: scripts/install_dependencies.sh
      timeout: 300
      runas: root
  AfterInstall:
    - location: scripts/configure_app.sh
      timeout: 120
      runas: root
  ApplicationStart:
    - location: scripts/start_server.sh
      timeout: 120
      runas: root
  ValidateService:
    - location: scripts/validate_service.sh
      timeout: 180
      runas: root
`;

const script = (body: string) => `#!/bin/bash\nset -euo pipefail\n${body}\n`;

function webApp(): { description: string; steps: Step[]; pullRequests: PullRequestSeed[] } {
  const deps = { react: '^18.2.0', 'react-dom': '^18.2.0', 'react-router-dom': '^6.22.0' };
  const scripts = { build: 'vite build', test: 'vitest run --reporter=junit --outputFile=reports/junit.xml', lint: 'eslint src' };
  return {
    description: 'Customer-facing web application (React + Vite)',
    steps: [
      {
        branch: 'main',
        who: 'maria',
        hoursAgo: 34 * DAY,
        message: 'Initial commit: Vite + React skeleton',
        files: {
          'README.md': '# web-app\n\nThe customer-facing web application.\n\n## Development\n\n```sh\nnpm ci\nnpm run dev\n```\n',
          'package.json': pkg('web-app', '0.1.0', deps, scripts),
          '.gitignore': 'node_modules/\ndist/\nreports/\n',
          'index.html': '<!doctype html>\n<html lang="en">\n  <head><meta charset="UTF-8" /><title>Acme Store</title></head>\n  <body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body>\n</html>\n',
          'src/main.jsx': "import React from 'react';\nimport { createRoot } from 'react-dom/client';\nimport App from './App';\n\ncreateRoot(document.getElementById('root')).render(<App />);\n",
          'src/App.jsx': "export default function App() {\n  return <h1>Acme Store</h1>;\n}\n",
        },
      },
      {
        branch: 'main',
        who: 'kenji',
        hoursAgo: 32 * DAY,
        message: 'Add product list page',
        files: {
          'src/pages/Products.jsx':
            "import { useEffect, useState } from 'react';\nimport { listProducts } from '../api/client';\n\nexport default function Products() {\n  const [items, setItems] = useState([]);\n  useEffect(() => { listProducts().then(setItems); }, []);\n  return <ul>{items.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;\n}\n",
          'src/api/client.js': "const BASE = import.meta.env.VITE_API_URL ?? '/api';\n\nexport async function listProducts() {\n  const res = await fetch(`${BASE}/products`);\n  return res.json();\n}\n",
        },
      },
      {
        branch: 'main',
        who: 'maria',
        hoursAgo: 30 * DAY,
        message: 'Add routing between home and products',
        files: {
          'src/App.jsx':
            "import { BrowserRouter, Route, Routes } from 'react-router-dom';\nimport Products from './pages/Products';\n\nexport default function App() {\n  return (\n    <BrowserRouter>\n      <Routes>\n        <Route path=\"/\" element={<h1>Acme Store</h1>} />\n        <Route path=\"/products\" element={<Products />} />\n      </Routes>\n    </BrowserRouter>\n  );\n}\n",
        },
      },
      {
        branch: 'main',
        who: 'tom',
        hoursAgo: 27 * DAY,
        message: 'Add buildspec and CodeDeploy appspec',
        files: {
          'buildspec.yml': buildspec('npm ci', ['npm test', 'npm run build'], ['dist/**/*', 'appspec.yml', 'scripts/**/*']),
          'appspec.yml': appspec('/var/www/web-app'),
          'scripts/stop_server.sh': script('systemctl stop nginx || true'),
          'scripts/install_dependencies.sh': script('yum install -y nginx'),
          'scripts/configure_app.sh': script('cp /var/www/web-app/nginx.conf /etc/nginx/conf.d/web-app.conf'),
          'scripts/start_server.sh': script('systemctl start nginx'),
          'scripts/validate_service.sh': script('for i in 1 2 3 4 5; do curl -sf http://localhost/ && exit 0; sleep 5; done\nexit 1'),
        },
      },
      {
        branch: 'main',
        who: 'kenji',
        hoursAgo: 24 * DAY,
        message: 'Header component with cart badge',
        files: {
          'src/components/Header.jsx': "export default function Header({ cartCount }) {\n  return (\n    <header>\n      <a href=\"/\">Acme</a>\n      <span className=\"badge\">{cartCount}</span>\n    </header>\n  );\n}\n",
        },
      },
      { branch: 'main', who: 'priya', hoursAgo: 21 * DAY, message: 'Fix product list flicker on slow networks', files: { 'src/pages/Products.jsx': "import { useEffect, useState } from 'react';\nimport { listProducts } from '../api/client';\n\nexport default function Products() {\n  const [items, setItems] = useState(null);\n  useEffect(() => { listProducts().then(setItems); }, []);\n  if (items === null) return <p>Loading…</p>;\n  return <ul>{items.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;\n}\n" } },
      { branch: 'main', who: 'alex', hoursAgo: 18 * DAY, message: 'Bump react-router-dom to 6.23', files: { 'package.json': pkg('web-app', '0.2.0', { ...deps, 'react-router-dom': '^6.23.0' }, scripts) } },
      { branch: 'develop', from: 'main', who: 'maria', hoursAgo: 16 * DAY, message: 'Checkout page scaffold', files: { 'src/pages/Checkout.jsx': 'export default function Checkout() {\n  return <h2>Checkout</h2>;\n}\n' } },
      { branch: 'main', who: 'tom', hoursAgo: 14 * DAY, message: 'Cache static assets for a year', files: { 'nginx.conf': 'server {\n  listen 80;\n  root /var/www/web-app/dist;\n  location /assets/ { expires 1y; add_header Cache-Control "public, immutable"; }\n  location / { try_files $uri /index.html; }\n}\n' } },
      { branch: 'main', who: 'priya', hoursAgo: 11 * DAY, message: 'Retry API calls once on 503', files: { 'src/api/client.js': "const BASE = import.meta.env.VITE_API_URL ?? '/api';\n\nasync function get(path, retry = true) {\n  const res = await fetch(`${BASE}${path}`);\n  if (res.status === 503 && retry) return get(path, false);\n  return res.json();\n}\n\nexport const listProducts = () => get('/products');\n" } },
      { branch: 'develop', who: 'kenji', hoursAgo: 9 * DAY, message: 'Checkout: address form', files: { 'src/pages/Checkout.jsx': "import { useState } from 'react';\n\nexport default function Checkout() {\n  const [address, setAddress] = useState('');\n  return (\n    <form>\n      <h2>Checkout</h2>\n      <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder=\"Address\" />\n    </form>\n  );\n}\n" } },
      { branch: 'main', who: 'alex', hoursAgo: 6 * DAY, message: 'README: document deployment', files: { 'README.md': '# web-app\n\nThe customer-facing web application.\n\n## Development\n\n```sh\nnpm ci\nnpm run dev\n```\n\n## Deployment\n\nEvery push to `main` runs the `web-app-pipeline`: build and test in CodeBuild, deploy to\n`staging`, manual approval, then blue/green to `production` with CodeDeploy.\n' } },
      { branch: 'feature/dark-mode', from: 'develop', who: 'sam', hoursAgo: 4 * DAY, message: 'Dark mode: theme tokens', files: { 'src/theme.css': ':root { --bg: #fff; --fg: #111; }\n@media (prefers-color-scheme: dark) { :root { --bg: #111; --fg: #eee; } }\n' } },
      { branch: 'feature/dark-mode', who: 'sam', hoursAgo: 3 * DAY, message: 'Dark mode: toggle in header', files: { 'src/components/Header.jsx': "export default function Header({ cartCount, onToggleTheme }) {\n  return (\n    <header>\n      <a href=\"/\">Acme</a>\n      <button onClick={onToggleTheme} aria-label=\"Toggle theme\">◐</button>\n      <span className=\"badge\">{cartCount}</span>\n    </header>\n  );\n}\n" } },
      { branch: 'main', who: 'maria', hoursAgo: 2 * DAY, message: 'Show prices with the locale currency format', files: { 'src/format.js': "export const price = (cents, currency = 'USD') =>\n  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);\n" } },
      { branch: 'main', who: 'kenji', hoursAgo: 20, message: 'Fix header layout on narrow screens', files: { 'src/components/Header.css': 'header { display: flex; gap: 1rem; flex-wrap: wrap; }\n' } },
    ],
    pullRequests: [
      { title: 'Dark mode', description: 'Adds theme tokens and a toggle in the header. Follows the system preference by default.', source: 'feature/dark-mode', destination: 'develop', who: 'sam', hoursAgo: 3 * DAY - 2 },
      { title: 'Checkout flow (first part)', description: 'Checkout page with the address form. Payment comes in a follow-up.', source: 'develop', destination: 'main', who: 'kenji', hoursAgo: 8 * DAY },
    ],
  };
}

function apiService(): { description: string; steps: Step[]; pullRequests: PullRequestSeed[] } {
  const deps = { express: '^4.19.2', pg: '^8.11.3', pino: '^9.0.0' };
  const scripts = { start: 'node src/server.js', test: 'jest --ci --reporters=default --reporters=jest-junit', lint: 'eslint src test' };
  const orders = (extra: string) =>
    `const express = require('express');\nconst db = require('../db');\n\nconst router = express.Router();\n\nrouter.get('/', async (req, res) => {\n  ${extra}\n});\n\nrouter.get('/:id', async (req, res) => {\n  const { rows } = await db.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);\n  if (!rows[0]) return res.status(404).json({ message: 'Order not found' });\n  res.json(rows[0]);\n});\n\nmodule.exports = router;\n`;
  return {
    description: 'Orders and catalog REST API (Node.js, Express, PostgreSQL)',
    steps: [
      {
        branch: 'main',
        who: 'tom',
        hoursAgo: 33 * DAY,
        message: 'Initial commit: Express server with health check',
        files: {
          'README.md': '# api-service\n\nOrders and catalog API.\n\n```sh\nnpm ci\nDATABASE_URL=postgres://localhost/app npm start\n```\n',
          'package.json': pkg('api-service', '1.0.0', deps, scripts),
          'src/server.js': "const express = require('express');\n\nconst app = express();\napp.get('/health', (req, res) => res.json({ status: 'ok' }));\napp.listen(process.env.PORT ?? 8080);\n",
          '.gitignore': 'node_modules/\ncoverage/\nreports/\n',
        },
      },
      { branch: 'main', who: 'priya', hoursAgo: 31 * DAY, message: 'Add PostgreSQL pool', files: { 'src/db.js': "const { Pool } = require('pg');\n\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });\n\nmodule.exports = { query: (text, params) => pool.query(text, params) };\n" } },
      { branch: 'main', who: 'tom', hoursAgo: 29 * DAY, message: 'Orders endpoints', files: { 'src/routes/orders.js': orders("const { rows } = await db.query('SELECT * FROM orders ORDER BY created_at DESC LIMIT 100');\n  res.json(rows);") } },
      { branch: 'main', who: 'priya', hoursAgo: 26 * DAY, message: 'Wire orders router and structured logging', files: { 'src/server.js': "const express = require('express');\nconst pino = require('pino')();\nconst orders = require('./routes/orders');\n\nconst app = express();\napp.use(express.json());\napp.get('/health', (req, res) => res.json({ status: 'ok' }));\napp.use('/orders', orders);\napp.listen(process.env.PORT ?? 8080, () => pino.info('listening'));\n" } },
      { branch: 'main', who: 'alex', hoursAgo: 23 * DAY, message: 'Unit tests for orders', files: { 'test/orders.test.js': "const request = require('supertest');\n\ndescribe('GET /orders/:id', () => {\n  it('answers 404 for an unknown order', async () => {\n    expect(404).toBe(404);\n  });\n});\n" } },
      {
        branch: 'main',
        who: 'tom',
        hoursAgo: 22 * DAY,
        message: 'CI/CD: buildspec and appspec',
        files: {
          'buildspec.yml': buildspec('npm ci', ['npm test', 'npm prune --omit=dev'], ['src/**/*', 'node_modules/**/*', 'package.json', 'appspec.yml', 'scripts/**/*']),
          'appspec.yml': appspec('/opt/api-service'),
          'scripts/stop_server.sh': script('systemctl stop api-service || true'),
          'scripts/install_dependencies.sh': script('dnf install -y nodejs20'),
          'scripts/configure_app.sh': script('aws ssm get-parameter --name /api/prod/DATABASE_URL --with-decryption --query Parameter.Value --output text > /etc/api-service/database_url'),
          'scripts/start_server.sh': script('systemctl start api-service'),
          'scripts/validate_service.sh': script('for i in $(seq 1 5); do curl -sf http://localhost:8080/health && exit 0; sleep 3; done\nexit 1'),
        },
      },
      { branch: 'main', who: 'kenji', hoursAgo: 19 * DAY, message: 'Return 400 on malformed order ids', files: { 'src/validate.js': "module.exports.isOrderId = (id) => /^ord_[0-9a-z]{12}$/.test(id);\n" } },
      { branch: 'develop', from: 'main', who: 'priya', hoursAgo: 17 * DAY, message: 'Catalog endpoints (draft)', files: { 'src/routes/catalog.js': "const express = require('express');\n\nconst router = express.Router();\nrouter.get('/', (req, res) => res.json([]));\n\nmodule.exports = router;\n" } },
      { branch: 'main', who: 'sam', hoursAgo: 15 * DAY, message: 'Bump pg to 8.12 (fixes idle client leak)', files: { 'package.json': pkg('api-service', '1.1.0', { ...deps, pg: '^8.12.0' }, scripts) } },
      { branch: 'main', who: 'tom', hoursAgo: 10 * DAY, message: 'Graceful shutdown on SIGTERM', files: { 'src/shutdown.js': "module.exports = (server, pool) => process.on('SIGTERM', () => server.close(() => pool.end()));\n" } },
      { branch: 'main', who: 'priya', hoursAgo: 7 * DAY, message: 'Add request id to every log line', files: { 'src/requestId.js': "const { randomUUID } = require('crypto');\n\nmodule.exports = (req, res, next) => {\n  req.id = req.get('x-request-id') ?? randomUUID();\n  res.set('x-request-id', req.id);\n  next();\n};\n" } },
      { branch: 'feature/order-pagination', from: 'main', who: 'alex', hoursAgo: 5 * DAY, message: 'Paginate GET /orders with a cursor', files: { 'src/routes/orders.js': orders("const limit = Math.min(Number(req.query.limit ?? 50), 100);\n  const { rows } = await db.query('SELECT * FROM orders WHERE created_at < $1 ORDER BY created_at DESC LIMIT $2', [req.query.before ?? 'infinity', limit]);\n  res.json({ items: rows, next: rows.length === limit ? rows[rows.length - 1].created_at : undefined });") } },
      { branch: 'feature/order-pagination', who: 'alex', hoursAgo: 4 * DAY, message: 'Tests for order pagination', files: { 'test/pagination.test.js': "describe('GET /orders?limit', () => {\n  it('caps the page size at 100', () => {\n    expect(Math.min(500, 100)).toBe(100);\n  });\n});\n" } },
      { branch: 'main', who: 'kenji', hoursAgo: 2 * DAY, message: 'Fix N+1 query in order details', files: { 'src/routes/items.js': "module.exports = (db, orderIds) => db.query('SELECT * FROM order_items WHERE order_id = ANY($1)', [orderIds]);\n" } },
      { branch: 'main', who: 'tom', hoursAgo: 30, message: 'Release 1.2.0', files: { 'package.json': pkg('api-service', '1.2.0', { ...deps, pg: '^8.12.0' }, scripts) } },
    ],
    pullRequests: [
      { title: 'Cursor pagination for GET /orders', description: 'Adds `limit` and `before` query parameters; pages are capped at 100 orders.', source: 'feature/order-pagination', destination: 'main', who: 'alex', hoursAgo: 4 * DAY - 1 },
    ],
  };
}

function infra(): { description: string; steps: Step[]; pullRequests: PullRequestSeed[] } {
  const deps = { 'aws-cdk-lib': '^2.140.0', constructs: '^10.3.0' };
  const scripts = { build: 'tsc', synth: 'cdk synth', lint: 'eslint bin lib', test: 'jest' };
  const stack = (extra: string) =>
    `import { Stack, StackProps } from 'aws-cdk-lib';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport { Construct } from 'constructs';\n\nexport class NetworkStack extends Stack {\n  constructor(scope: Construct, id: string, props?: StackProps) {\n    super(scope, id, props);\n    ${extra}\n  }\n}\n`;
  return {
    description: 'Shared infrastructure as code (AWS CDK): network, pipelines, CodeDeploy groups',
    steps: [
      {
        branch: 'main',
        who: 'sam',
        hoursAgo: 35 * DAY,
        message: 'Initial CDK app',
        files: {
          'README.md': '# infra\n\nAWS CDK app for the shared infrastructure.\n\n```sh\nnpm ci\nnpx cdk diff\n```\n',
          'package.json': pkg('infra', '0.1.0', deps, scripts),
          'cdk.json': '{\n  "app": "npx ts-node bin/infra.ts"\n}\n',
          'bin/infra.ts': "import { App } from 'aws-cdk-lib';\nimport { NetworkStack } from '../lib/network-stack';\n\nconst app = new App();\nnew NetworkStack(app, 'Network');\n",
          'lib/network-stack.ts': stack("new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });"),
        },
      },
      { branch: 'main', who: 'tom', hoursAgo: 31 * DAY, message: 'VPC: add NAT gateway per AZ for production', files: { 'lib/network-stack.ts': stack("new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 2 });") } },
      { branch: 'main', who: 'sam', hoursAgo: 28 * DAY, message: 'Buildspec: cdk synth and diff', files: { 'buildspec.yml': buildspec('npm ci', ['npm run build', 'npx cdk synth', 'npx cdk diff || true'], ['cdk.out/**/*']) } },
      { branch: 'main', who: 'alex', hoursAgo: 25 * DAY, message: 'CodeDeploy application and groups for web-app', files: { 'lib/deploy-stack.ts': "import { Stack } from 'aws-cdk-lib';\nimport * as codedeploy from 'aws-cdk-lib/aws-codedeploy';\n\nexport class DeployStack extends Stack {\n  app = new codedeploy.ServerApplication(this, 'WebApp', { applicationName: 'web-app' });\n}\n" } },
      { branch: 'main', who: 'tom', hoursAgo: 20 * DAY, message: 'Tag instances with Application and Environment', files: { 'lib/tags.ts': "import { Tags } from 'aws-cdk-lib';\nimport { Construct } from 'constructs';\n\nexport const tag = (c: Construct, app: string, env: string) => {\n  Tags.of(c).add('Application', app);\n  Tags.of(c).add('Environment', env);\n};\n" } },
      { branch: 'develop', from: 'main', who: 'sam', hoursAgo: 18 * DAY, message: 'Pipeline stack (draft)', files: { 'lib/pipeline-stack.ts': "import { Stack } from 'aws-cdk-lib';\n\nexport class PipelineStack extends Stack {}\n" } },
      { branch: 'main', who: 'priya', hoursAgo: 16 * DAY, message: 'Restrict SSH to the bastion security group', files: { 'lib/security.ts': "export const SSH_FROM = 'sg-bastion';\n" } },
      { branch: 'main', who: 'alex', hoursAgo: 13 * DAY, message: 'Enable VPC flow logs', files: { 'lib/network-stack.ts': stack("const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 2 });\n    vpc.addFlowLog('FlowLogs');") } },
      { branch: 'main', who: 'sam', hoursAgo: 9 * DAY, message: 'Bump aws-cdk-lib to 2.150', files: { 'package.json': pkg('infra', '0.2.0', { ...deps, 'aws-cdk-lib': '^2.150.0' }, scripts) } },
      { branch: 'main', who: 'tom', hoursAgo: 6 * DAY, message: 'Remove unused bastion parameter', files: { 'lib/security.ts': null, 'lib/tags.ts': "import { Tags } from 'aws-cdk-lib';\nimport { Construct } from 'constructs';\n\nexport const tag = (c: Construct, app: string, env: string, owner = 'platform') => {\n  Tags.of(c).add('Application', app);\n  Tags.of(c).add('Environment', env);\n  Tags.of(c).add('Owner', owner);\n};\n" } },
      { branch: 'feature/alarms', from: 'main', who: 'priya', hoursAgo: 3 * DAY, message: 'CloudWatch alarms for 5xx rates', files: { 'lib/alarms.ts': "import * as cw from 'aws-cdk-lib/aws-cloudwatch';\n\nexport const errorRateThreshold = 5; // percent of requests over 5 minutes\nexport type Alarm = cw.Alarm;\n" } },
      { branch: 'main', who: 'sam', hoursAgo: 26, message: 'README: how to bootstrap a new account', files: { 'README.md': '# infra\n\nAWS CDK app for the shared infrastructure.\n\n```sh\nnpm ci\nnpx cdk bootstrap aws://123456789012/us-east-1\nnpx cdk diff\n```\n\nChanges go through a pull request; `main` deploys through the `infra-pipeline`.\n' } },
    ],
    pullRequests: [],
  };
}

export function seedDemoRepositories(sb: Sandbox): void {
  const cc = sb.codecommit;
  const now = sb.clock.now();
  const HOUR = 3_600_000;
  for (const [name, make] of [
    ['web-app', webApp],
    ['api-service', apiService],
    ['infra', infra],
  ] as const) {
    const { description, steps, pullRequests } = make();
    cc.createRepositoryInternal(name, { description, date: now - (steps[0].hoursAgo + 2) * HOUR });
    for (const step of steps) {
      const who = PEOPLE[step.who];
      const parent = cc.getBranchHead(name, step.branch) ?? (step.from ? cc.getBranchHead(name, step.from) : undefined);
      cc.commitChanges({
        repositoryName: name,
        branch: step.branch,
        parentCommitId: parent,
        putFiles: Object.entries(step.files)
          .filter((e): e is [string, string] => e[1] !== null)
          .map(([filePath, content]) => ({ filePath, content, fileMode: filePath.endsWith('.sh') ? 'EXECUTABLE' : 'NORMAL' })),
        deleteFiles: Object.entries(step.files)
          .filter(([, content]) => content === null)
          .map(([filePath]) => filePath),
        authorName: who.name,
        email: who.email,
        tz: who.tz,
        message: step.message,
        date: now - step.hoursAgo * HOUR,
        notify: false,
      });
    }
    for (const pr of pullRequests) {
      cc.createPullRequestInternal({
        title: pr.title,
        description: pr.description,
        repositoryName: name,
        source: pr.source,
        destination: pr.destination,
        author: PEOPLE[pr.who].email.split('@')[0],
        date: now - pr.hoursAgo * HOUR,
      });
    }
  }
}
