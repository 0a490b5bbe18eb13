// `npm test`: type-check, lint, build, unit + contract tests (inside a real, unlocked keychain session
// where one can be made), then the end-to-end suite in Chromium. Every stage runs even if an earlier one
// failed, so one run shows everything; the last line is the plain summary CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// keytar talks to the Secret Service over D-Bus. Everything below (the unit tests, and the browser host the
// end-to-end tests start) runs in a private session bus with an unlocked gnome-keyring, the way a desktop
// session has one. Without them, the keychain tests say why they skip.
if (!process.env.BATON_KEYCHAIN && hasCommand('dbus-run-session') && hasCommand('gnome-keyring-daemon')) {
  // A fresh keyring in a throwaway folder each run: no entries from an earlier run, and a developer's own
  // keyring is never touched.
  const inner =
    'export XDG_DATA_HOME="$(mktemp -d)" && ' +
    'echo -n baton | gnome-keyring-daemon --unlock --components=secrets >/dev/null && ' +
    'BATON_KEYCHAIN=1 exec node scripts/test-all.mjs';
  const { status } = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], { stdio: 'inherit' });
  process.exit(status ?? 1);
}

const results = [];
const counts = { passed: 0, failed: 0, skipped: 0 };

function run(name, command, args, options = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', ...options });
  results.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  return status === 0;
}

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Playwright's list reporter does not say why a test was skipped; its JSON report does. */
function skippedWithReasons(suites, trail = []) {
  const lines = [];
  for (const suite of suites ?? []) {
    const names = suite.title ? [...trail, suite.title] : trail;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const reason = t.annotations?.find((a) => a.type === 'skip')?.description ?? 'no reason given';
        lines.push(`${[...names, spec.title].join(' › ')}: ${reason}`);
      }
    }
    lines.push(...skippedWithReasons(suite.suites, names));
  }
  return lines;
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

run('type-check (node and web)', 'npm', ['run', '--silent', 'typecheck']);
run('lint (eslint, prettier)', 'npm', ['run', '--silent', 'lint']);
const built = run('build', 'node', ['scripts/build.mjs']);

const vitest = 'npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json';
run(
  process.env.BATON_KEYCHAIN
    ? 'unit and contract tests (vitest, real keychain)'
    : 'unit and contract tests (vitest)',
  'sh',
  ['-c', vitest],
);
const unit = readJson('test-results/unit.json');
if (unit) {
  counts.passed += unit.numPassedTests;
  counts.failed += unit.numFailedTests;
  counts.skipped += unit.numPendingTests + unit.numTodoTests;
} else {
  counts.failed += 1;
}

if (built && existsSync('/usr/bin/chromium')) {
  run('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test']);
  const e2e = readJson('test-results/e2e.json');
  if (e2e) {
    counts.passed += e2e.stats.expected + e2e.stats.flaky;
    counts.failed += e2e.stats.unexpected;
    counts.skipped += e2e.stats.skipped;
    for (const line of skippedWithReasons(e2e.suites)) console.log(`  skipped: ${line}`);
  } else {
    counts.failed += 1;
  }
} else {
  console.error(
    '\n✗ end-to-end tests not run: ' +
      (built ? '/usr/bin/chromium is missing (npm run setup)' : 'build failed'),
  );
  results.push({ name: 'end-to-end tests', ok: false, seconds: 0 });
  counts.failed += 1;
}

// The benchmark asserts no times; run tiny, it only proves that it still runs end to end (one test).
if (built && existsSync('/usr/bin/chromium')) {
  const benched = run('benchmark, tiny (npm run bench at 200 conversations)', 'node', [
    'scripts/bench.mjs',
    '--tiny',
  ]);
  counts[benched ? 'passed' : 'failed'] += 1;
} else {
  console.log('\n- benchmark skipped: it needs the build and /usr/bin/chromium');
  counts.skipped += 1;
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.name} (${r.seconds}s)`);
const ok = results.every((r) => r.ok) && counts.failed === 0;
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(ok ? 0 : 1);
