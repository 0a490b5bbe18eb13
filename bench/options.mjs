/**
 * The benchmark's size. The defaults are the full run; `--tiny` is the small run `npm test` makes so
 * the benchmark cannot rot. Any figure can be overridden: `--conversations 2000 --seconds 20`.
 */
export const FULL = {
  conversations: 10_000,
  messages: 200_000,
  openMessages: 2_000,
  rate: 500,
  seconds: 60,
  // Traffic after the sustained minute, before memory is read again: ten minutes' worth at `rate` in all
  // (300,000 events). The whole run must stay under ten minutes, so the rest comes at twice the rate.
  soakSeconds: 270,
  soakRate: 1000,
  ceilingSteps: [100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000],
  stepSeconds: 6,
  out: 'bench/results.json',
};

export const TINY = {
  conversations: 200,
  messages: 4_000,
  openMessages: 200,
  rate: 100,
  seconds: 5,
  soakSeconds: 0,
  soakRate: 100,
  ceilingSteps: [200, 400],
  stepSeconds: 2,
  out: 'test-results/bench-tiny.json',
};

const NUMBERS = [
  'conversations',
  'messages',
  'openMessages',
  'rate',
  'seconds',
  'soakSeconds',
  'soakRate',
  'stepSeconds',
];

function camel(flag) {
  return flag.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
}

export function parseOptions(argv) {
  const options = { ...(argv.includes('--tiny') ? TINY : FULL), tiny: argv.includes('--tiny') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--tiny') continue;
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
    const key = camel(arg.slice(2));
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (NUMBERS.includes(key)) {
      const number = Number(value);
      if (!Number.isFinite(number) || number < 0) throw new Error(`${arg} must be a number ≥ 0`);
      options[key] = number;
    } else if (key === 'ceilingSteps') {
      options.ceilingSteps = value ? value.split(',').map(Number) : [];
      if (options.ceilingSteps.some((n) => !Number.isFinite(n) || n <= 0)) {
        throw new Error(`${arg} must be a comma-separated list of rates`);
      }
    } else if (key === 'out') {
      options.out = value;
    } else {
      throw new Error(`Unknown option ${arg}`);
    }
  }
  if (options.conversations < 1) throw new Error('--conversations must be at least 1');
  if (options.openMessages > options.messages) options.openMessages = options.messages;
  return options;
}
