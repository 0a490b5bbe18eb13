import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from './policy';
import { tempDir } from '../test-support';

function policyFile(content: unknown): string {
  const file = join(tempDir('baton-policy-'), 'policy.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('the policy file: updates', () => {
  it('defaults to the stable channel, on, not pinned', () => {
    expect(loadPolicy(policyFile({})).updates).toEqual({ channel: 'stable', enabled: true });
  });

  it('reads the channel, updates off, and a pinned version', () => {
    const updates = { channel: 'beta', enabled: false, pinnedVersion: '1.4.2' };
    const policy = loadPolicy(policyFile({ updates }));
    expect(policy.updates).toEqual(updates);
    expect(policy.problems).toEqual([]);
  });

  it('refuses a pin that is not a version, says why, and keeps the defaults', () => {
    const policy = loadPolicy(
      policyFile({ updates: { channel: 'stable', enabled: true, pinnedVersion: 'latest' } }),
    );
    expect(policy.updates).toEqual({ channel: 'stable', enabled: true });
    expect(policy.problems.join(' ')).toContain('must be a version such as 1.4.2');
  });

  it('refuses an unknown channel or key without losing the rest of the policy', () => {
    const policy = loadPolicy(policyFile({ demo: false, updates: { channel: 'nightly', enabled: true } }));
    expect(policy.demo).toBe(false);
    expect(policy.updates.channel).toBe('stable');
    expect(policy.problems).toHaveLength(1);
    expect(
      loadPolicy(policyFile({ updates: { channel: 'stable', enabled: true, feed: 'x' } })).problems,
    ).toHaveLength(1);
  });
});
