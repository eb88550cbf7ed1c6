/**
 * Property tests of the service layer's input validators (issue 10, bad input): each validator is fed random and
 * adversarial strings (empty, 10 KB, control characters, astral and combining Unicode, lone surrogates, lengths at
 * each limit -1/0/+1, pattern edge cases) and must never throw, must agree with an independent statement of the
 * API's rule, and must name the field and the rule in its message.
 *
 * The oracle rules below are written out here from the service models (botocore service-2.json: min, max, pattern)
 * and, where a model is silent, from the service documentation quoted in the model; they are deliberately not
 * imported from src/aws/validation.ts. Semantics:
 * - lengths count Unicode code points (Smithy's length trait counts Unicode scalar values), not UTF-16 units;
 * - a model pattern must match the whole value (the services answer "Member must satisfy regular expression
 *   pattern" for a value with any character outside it), so it is anchored here: ^(?:pattern)$.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as v from '../../../src/aws/validation';

// ------------------------------------------------------------------ the oracle: the API's rules, from the models

const cp = (s: string) => [...s].length;
const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);

interface StringRule {
  min?: number;
  max?: number;
  pattern?: string;
}
/** A rule a value breaks, as the service would report it. */
type Rule = 'required' | 'min' | 'max' | 'pattern' | 'other';
/** The rules a value breaks (undefined = the API accepts it). */
type Broken = Rule[] | undefined;

function modelRule(value: string, rule: StringRule): Broken {
  const n = cp(value);
  const broken: Rule[] = [];
  if (n === 0 && rule.min === 1) broken.push('required');
  else if (rule.min !== undefined && n < rule.min) broken.push('min');
  if (rule.max !== undefined && n > rule.max) broken.push('max');
  if (rule.pattern !== undefined && !whole(rule.pattern).test(value)) broken.push('pattern');
  return broken.length ? broken : undefined;
}

// Copied from the models (shape: {min, max, pattern}).
const MODEL = {
  ApprovalSummary: { min: 0, max: 512 }, // codepipeline
  StopPipelineExecutionReason: { max: 200 }, // codepipeline
  DisabledReason: { min: 1, max: 300, pattern: '[a-zA-Z0-9!@ \\(\\)\\.\\*\\?\\-]+' }, // codepipeline
  PipelineName: { min: 1, max: 100, pattern: '[A-Za-z0-9.@\\-_]+' }, // codepipeline (StageName, ActionName alike)
  PipelineVariableName: { min: 1, max: 128, pattern: '[A-Za-z0-9@\\-_]+' }, // codepipeline
  PipelineVariableValue: { min: 1, max: 1000, pattern: '.*' }, // codepipeline
  ClientRequestToken: { min: 1, max: 128, pattern: '^[a-zA-Z0-9-]+$' }, // codepipeline
  PipelineExecutionId: { pattern: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' }, // codepipeline
  ProjectName: { min: 2, max: 150, pattern: '[A-Za-z0-9][A-Za-z0-9\\-_]{1,149}' }, // codebuild
  EnvironmentVariableName: { min: 1 }, // codebuild NonEmptyString
  RepositoryName: { min: 1, max: 100, pattern: '[\\w\\.-]+' }, // codecommit
  BranchName: { min: 1, max: 256 }, // codecommit
  ApplicationName: { min: 1, max: 100 }, // codedeploy
  DeploymentGroupName: { min: 1, max: 100 }, // codedeploy
} satisfies Record<string, StringRule>;

/**
 * `git check-ref-format` (git-check-ref-format(1)), one-level names allowed: CodeCommit branches and CodeBuild
 * source versions that name a branch or tag are Git refs.
 */
function gitRefBroken(ref: string): boolean {
  if (ref === '@') return true;
  if (ref.includes('..') || ref.includes('@{') || ref.includes('\\')) return true;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[]/.test(ref)) return true; // ASCII control characters, space, ~ ^ : ? * [
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) return true;
  if (ref.endsWith('.')) return true;
  return ref.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'));
}

/** CodeBuild sourceVersion (documentation): empty (not sent), `pr/<n>`, a commit id, an S3 version id, or a Git ref. */
function sourceVersionBroken(s: string): boolean {
  if (s === '') return false;
  if (/^pr\/\d+$/.test(s)) return false;
  return gitRefBroken(s);
}

/** CodeBuild EnvironmentVariable name: non-empty (model), a shell name (it is exported into the build's shell), and not starting with CODEBUILD_ (reserved, per the CodeBuild documentation; environment names are case-sensitive). */
function envNameBroken(s: string): Broken {
  if (s.length === 0) return ['required'];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) return ['pattern'];
  if (s.startsWith('CODEBUILD_')) return ['other'];
  return undefined;
}

/** CodeCommit RepositoryName (model) and the documented "The suffix .git is prohibited". */
function repositoryNameBroken(s: string): Broken {
  return modelRule(s, MODEL.RepositoryName) ?? (s.endsWith('.git') ? ['other'] : undefined);
}

/** S3 bucket naming rules (S3 documentation): 3..63, a-z 0-9 . -, starting and ending with a letter or digit, no '..', not an IP address. */
function bucketBroken(b: string): boolean {
  if (b.length < 3 || b.length > 63) return true;
  if (!/^[a-z0-9.-]+$/.test(b)) return true;
  if (!/^[a-z0-9]/.test(b) || !/[a-z0-9]$/.test(b)) return true;
  if (b.includes('..')) return true;
  return /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(b);
}
/** S3 object key (S3 documentation): 1..1024 bytes of UTF-8. */
const keyBroken = (k: string) => k.length === 0 || Buffer.byteLength(k, 'utf8') > 1024;

// ------------------------------------------------------------------ adversarial strings

const EDGE_CHARS = [
  'a', 'Z', '0', '9', '_', '-', '.', '@', '/', ' ', '!', '(', ')', '*', '?', ',', '#', '\\', '~', '^', ':', '[', '{', '}',
  '\u0000', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\u200b', '\ufeff',
  'é', 'e\u0301', '\u0301', 'ß', 'İ', 'ﬁ', '漢', '😀', '👩‍👩‍👧', '𝔸', '\ud800', '\udc00', '\uffff',
];
const edgeChar = fc.constantFrom(...EDGE_CHARS);

/** Strings around the given limits (limit-1, limit, limit+1), made of one repeated character, optionally with one odd character. */
function nearLimits(limits: number[], fill: string[]): fc.Arbitrary<string> {
  const sizes = [...new Set(limits.flatMap((l) => [l - 1, l, l + 1]).filter((n) => n >= 0))];
  return fc
    .tuple(fc.constantFrom(...sizes), fc.constantFrom(...fill, '😀', 'é', 'e\u0301'), fc.option(fc.tuple(edgeChar, fc.nat()), { nil: undefined }))
    .map(([n, c, odd]) => {
      const chars = Array.from({ length: n }, () => c);
      if (odd && n > 0) chars[odd[1] % n] = odd[0];
      return chars.join('');
    });
}

function adversarial(limits: number[], fill: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
    { arbitrary: fc.string({ unit: edgeChar, maxLength: 40 }), weight: 3 },
    { arbitrary: fc.string({ unit: fc.constantFrom(...fill), maxLength: Math.max(...limits) + 2 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
    { arbitrary: nearLimits(limits, fill), weight: 3 },
    { arbitrary: fc.constantFrom('', ' ', 'x'.repeat(10 * 1024), '😀'.repeat(5 * 1024), '\u0000'.repeat(10), '<script>alert(1)</script>', '../../etc/passwd', '$(rm -rf /)'), weight: 1 },
  );
}

const NUM_RUNS = 600;

/** Runs `validate` on generated strings: never throws, accepts exactly what `oracle` accepts, and messages name the field and the broken rule. */
function agree(
  name: string,
  validate: (s: string) => string | undefined,
  oracle: (s: string) => Broken | boolean,
  gen: fc.Arbitrary<string>,
  field: string | RegExp,
  ruleWords: Partial<Record<Rule | 'any', RegExp>>,
): void {
  it(`${name}: never throws, agrees with the API's rule, names the field and the rule`, () => {
    fc.assert(
      fc.property(gen, (s) => {
        let message: string | undefined;
        assert.doesNotThrow(() => {
          message = validate(s);
        });
        const raw = oracle(s);
        const broken: Broken = raw === true ? ['other'] : raw === false ? undefined : raw;
        const shown = JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}...(${s.length})` : s);
        assert.strictEqual(message === undefined, broken === undefined, `${shown}: validator says ${JSON.stringify(message)}, the API's rule says ${broken?.join(', ') ?? 'valid'}`);
        if (message !== undefined && broken !== undefined) {
          assert.ok(typeof field === 'string' ? message.includes(field) : field.test(message), `"${message}" should name the field ${String(field)}`);
          const rules = broken.map((b) => ruleWords[b] ?? ruleWords.any).filter((r): r is RegExp => r !== undefined);
          if (rules.length) assert.ok(rules.some((r) => r.test(message ?? '')), `${shown}: "${message}" should state one of the broken rules (${broken.join(', ')})`);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
}

const ALNUM = ['a', 'B', '7'];
const lengthRules = (min: number | undefined, max: number | undefined) => ({
  required: /required/,
  min: new RegExp(`at least ${min ?? 0}`),
  max: new RegExp(`at most ${max ?? 0}`),
});

describe('reliability: validators against the API rules (property tests)', () => {
  agree('approval summary', v.validateApprovalSummary, (s) => modelRule(s, MODEL.ApprovalSummary), adversarial([512], ['x', ' ']), 'Approval comment', lengthRules(0, 512));
  agree('stop reason', v.validateStopReason, (s) => modelRule(s, MODEL.StopPipelineExecutionReason), adversarial([200], ['r']), 'Stop reason', lengthRules(0, 200));
  agree('transition reason', v.validateTransitionReason, (s) => modelRule(s, MODEL.DisabledReason), adversarial([1, 300], ['a', ' ', '(', '?']), 'Reason for disabling the transition', {
    ...lengthRules(1, 300),
    pattern: /may contain only letters, digits, spaces and ! @ \( \) \. \* \? -/,
  });
  for (const [label, fn, field] of [
    ['pipeline name', v.validatePipelineName, 'Pipeline name'],
    ['stage name', v.validateStageName, 'Stage name'],
    ['action name', v.validateActionName, 'Action name'],
  ] as const) {
    agree(label, fn, (s) => modelRule(s, MODEL.PipelineName), adversarial([1, 100], [...ALNUM, '.', '@', '-', '_']), field, { ...lengthRules(1, 100), pattern: /may contain only letters, digits and the characters \. @ - _/ });
  }
  agree('pipeline variable name', v.validatePipelineVariableName, (s) => modelRule(s, MODEL.PipelineVariableName), adversarial([1, 128], [...ALNUM, '@', '-', '_']), 'Variable name', {
    ...lengthRules(1, 128),
    pattern: /may contain only letters, digits and the characters @ - _/,
  });
  agree('pipeline variable value', v.validatePipelineVariableValue, (s) => modelRule(s, MODEL.PipelineVariableValue), adversarial([1, 1000], ['v', ' ']), 'Variable value', {
    ...lengthRules(1, 1000),
    pattern: /line break/,
  });
  agree('client request token', v.validateClientRequestToken, (s) => modelRule(s, MODEL.ClientRequestToken), adversarial([1, 128], [...ALNUM, '-']), 'Client request token', {
    ...lengthRules(1, 128),
    pattern: /may contain only letters, digits and -/,
  });
  agree(
    'execution id',
    v.validateExecutionId,
    (s) => modelRule(s, MODEL.PipelineExecutionId),
    fc.oneof(adversarial([36], ['a', '0', '-', 'F']), fc.uuid().map((u) => u), fc.uuid().map((u) => u.toUpperCase()), fc.uuid().map((u) => ` ${u}`), fc.uuid().map((u) => `${u}\n`)),
    'Pipeline execution id',
    { pattern: /UUID/ },
  );
  agree('project name', v.validateProjectName, (s) => modelRule(s, MODEL.ProjectName), adversarial([2, 150], [...ALNUM, '-', '_']), 'Project name', {
    ...lengthRules(2, 150),
    pattern: /must start with a letter or digit and contain only letters, digits, - and _/,
  });
  agree('environment variable name', v.validateEnvironmentVariableName, envNameBroken, fc.oneof(adversarial([1, 20], [...ALNUM, '_']), fc.constantFrom('CODEBUILD_X', 'codebuild_x', 'CODEBUILD_', 'CodeBuild_X', '_CODEBUILD_X')), 'Environment variable name', {
    required: /required/,
    pattern: /must start with a letter or _ and contain only letters, digits and _/,
    other: /reserved/,
  });
  agree('source version', v.validateSourceVersion, sourceVersionBroken, fc.oneof(adversarial([1, 40], [...ALNUM, '/', '.', '-']), fc.constantFrom('pr/1', 'refs/pr/2', 'a/.b', 'a.lock/b', '/main', 'main/', 'a//b', 'x.', '@', 'a@b', 'a@{1}', 'v1.0', 'feature\u00a0x', 'x\u3000y')), 'Source version', {
    other: /(spaces or control characters|not a valid Git ref)/,
  });
  agree('repository name', v.validateRepositoryName, repositoryNameBroken, fc.oneof(adversarial([1, 100], [...ALNUM, '_', '.', '-']), fc.constantFrom('app.git', 'app.GIT', '.git', 'app.git2')), 'Repository name', {
    ...lengthRules(1, 100),
    pattern: /may contain only letters, digits and the characters _ \. -/,
    other: /\.git/,
  });
  agree('branch name', v.validateBranchName, (s) => modelRule(s, MODEL.BranchName) ?? (gitRefBroken(s) ? ['other'] : undefined), fc.oneof(adversarial([1, 256], [...ALNUM, '/', '.', '-']), fc.constantFrom('a.lock/b', '/main', 'pr/7')), 'Branch name', {
    ...lengthRules(1, 256),
    other: /(spaces or control characters|not a valid Git ref)/,
  });
  agree('application name', v.validateApplicationName, (s) => modelRule(s, MODEL.ApplicationName), adversarial([1, 100], ALNUM), 'Application name', lengthRules(1, 100));
  agree('deployment group name', v.validateDeploymentGroupName, (s) => modelRule(s, MODEL.DeploymentGroupName), adversarial([1, 100], ALNUM), 'Deployment group name', lengthRules(1, 100));
  agree('AppSpec content', v.validateAppSpecContent, (s) => s.trim().length === 0, adversarial([1], ['x', ' ', '\n']), 'AppSpec content', { any: /required/ });

  agree(
    'environment variable type',
    v.validateEnvironmentVariableType,
    (s) => !['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'].includes(s), // codebuild EnvironmentVariableType enum
    fc.oneof(adversarial([9], ['A', '_']), fc.constantFrom('PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER', 'plaintext', 'PLAINTEXT ', 'SECRETS_MANAGER\u0000')),
    'Environment variable type',
    { any: /one of PLAINTEXT, PARAMETER_STORE, SECRETS_MANAGER/ },
  );

  for (const [label, fn, field, min, max] of [
    ['build timeout', v.validateBuildTimeout, 'Build timeout', 5, 2160], // codebuild BuildTimeOut 5..2160
    ['queued timeout', v.validateQueuedTimeout, 'Queued timeout', 5, 480], // codebuild TimeOut 5..480
  ] as const) {
    it(`${label}: whole minutes in ${min}..${max} (BuildTimeOut/TimeOut), typed or numeric, never throws`, () => {
      const typed = fc.oneof(
        adversarial([3], ['1', '0', '5']),
        fc.integer({ min: -10, max: max + 10 }).map(String),
        fc.constantFrom(String(min - 1), String(min), String(max), String(max + 1), ` ${min} `, '1e3', '0x10', '5.0', '+5', '99999999999999999999', 'NaN', 'Infinity', '٥'),
      );
      fc.assert(
        fc.property(typed, (s) => {
          const t = s.trim();
          const expected = /^-?[0-9]+$/.test(t) && Number(t) >= min && Number(t) <= max;
          const m = fn(s);
          assert.strictEqual(m === undefined, expected, `${JSON.stringify(s)}: ${String(m)}`);
          if (m) assert.ok(m.includes(field) && (m.includes('whole number') || m.includes(`between ${min} and ${max}`)), m);
        }),
        { numRuns: NUM_RUNS },
      );
      fc.assert(
        fc.property(fc.oneof(fc.double(), fc.integer({ min: -5, max: max + 5 }), fc.constantFrom(NaN, Infinity, -0, min - 0.5, max + 0.5)), (n) => {
          const m = fn(n);
          assert.strictEqual(m === undefined, Number.isInteger(n) && n >= min && n <= max, `${n}: ${String(m)}`);
        }),
        { numRuns: NUM_RUNS },
      );
    });
  }

  it('environment variable value: any text for PLAINTEXT, a reference without whitespace otherwise', () => {
    fc.assert(
      fc.property(adversarial([1, 20], ['x', '/', ' ']), fc.constantFrom('PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'), (s, type) => {
        const m = v.validateEnvironmentVariableValue(s, type);
        const expected = type === 'PLAINTEXT' || (s.trim().length > 0 && !/\s/.test(s));
        assert.strictEqual(m === undefined, expected, `${type} ${JSON.stringify(s)}: ${String(m)}`);
        if (m) assert.ok(m.includes(type), m);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('pipeline variables: 0 (not sent) or 1..50 valid entries, no name twice (PipelineVariableList)', () => {
    const entry = fc.record({ name: fc.oneof(fc.constantFrom('A', 'B', 'ENV', 'x@y'), adversarial([1, 128], ['n'])), value: fc.oneof(fc.constant('v'), adversarial([1, 1000], ['v'])) });
    fc.assert(
      fc.property(fc.oneof(fc.array(entry, { maxLength: 4 }), fc.array(fc.constant({ name: 'N', value: 'v' }), { minLength: 49, maxLength: 52 }).map((a) => a.map((e, i) => ({ name: `${e.name}${i}`, value: e.value })))), (vars) => {
        const m = v.validatePipelineVariables(vars);
        const names = vars.map((x) => x.name);
        const expected =
          vars.length <= 50 &&
          vars.every((x) => modelRule(x.name, MODEL.PipelineVariableName) === undefined && modelRule(x.value, MODEL.PipelineVariableValue) === undefined) &&
          new Set(names).size === names.length;
        assert.strictEqual(m === undefined, expected, `${JSON.stringify(vars).slice(0, 300)}: ${String(m)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('environment variables override: each valid, no name twice', () => {
    const entry = fc.record({ name: fc.constantFrom('A', 'B', 'CODEBUILD_X', 'bad-name', ''), value: fc.constantFrom('', 'x', 'a b'), type: fc.constantFrom(undefined, 'PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER', 'plain') });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), (vars) => {
        const m = v.validateEnvironmentVariables(vars);
        const names = vars.map((x) => x.name);
        const expected =
          vars.every((x) => envNameBroken(x.name) === undefined && (x.type === undefined || ['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'].includes(x.type)) && ((x.type ?? 'PLAINTEXT') === 'PLAINTEXT' || (x.value.trim() !== '' && !/\s/.test(x.value)))) &&
          new Set(names).size === names.length;
        assert.strictEqual(m === undefined, expected, `${JSON.stringify(vars)}: ${String(m)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('S3 revision: bucket naming rules, key 1..1024 UTF-8 bytes, BundleType enum', () => {
    const bucket = fc.oneof(adversarial([3, 63], ['a', '0', '.', '-']), fc.constantFrom('my-bucket', 'a.b.c', '192.168.0.1', '1.2.3', 'My_Bucket', 'ab', 'a..b', '-ab', 'ab-', 'ab.'));
    const key = fc.oneof(adversarial([1, 1024], ['k', '/']), fc.constantFrom('é'.repeat(512), 'é'.repeat(513), '😀'.repeat(256), '😀'.repeat(257)));
    const bundleType = fc.constantFrom('tar', 'tgz', 'zip', 'YAML', 'JSON', 'yaml', 'ZIP', '', 'rar');
    fc.assert(
      fc.property(bucket, key, bundleType, (b, k, t) => {
        const m = v.validateS3Revision({ bucket: b, key: k, bundleType: t });
        const expected = !bucketBroken(b) && !keyBroken(k) && ['tar', 'tgz', 'zip', 'YAML', 'JSON'].includes(t);
        assert.strictEqual(m === undefined, expected, `${JSON.stringify({ b, k: k.slice(0, 40), kl: k.length, t })}: ${String(m)}`);
        if (m) assert.match(m, /S3 bucket|S3 key|Bundle type/);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('GitHub revision: owner/repository and a 40-hex-digit commit, never throws', () => {
    fc.assert(
      fc.property(adversarial([1, 40], ['a', '/', '-', '.']), adversarial([40], ['a', 'F', '0']), (repo, commit) => {
        let m: string | undefined;
        assert.doesNotThrow(() => (m = v.validateGitHubRevision({ repository: repo, commitId: commit })));
        if (!/^[0-9a-fA-F]{40}$/.test(commit) || !/^[^/]+\/[^/]+$/.test(repo)) assert.ok(m, `${repo} ${commit} should be refused`);
        if (m) assert.match(m, /GitHub (repository|commit)/);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
