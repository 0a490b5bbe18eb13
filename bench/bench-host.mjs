/**
 * Starts `app/dist/hosts/bench-host.cjs` (the core, the browser host's web server and the scaled
 * simulators) and talks to it in JSON lines: `command()` sends one and resolves with the answer it waits for.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export async function startBenchHost() {
  const spawnedAt = Date.now();
  // --expose-gc so memory is read after a collection, not whatever garbage happens to be around.
  const child = spawn(process.execPath, ['--expose-gc', 'app/dist/hosts/bench-host.cjs'], {
    env: { ...process.env, BATON_PORT: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const waiters = [];
  let log = '';
  let consoleUrl = null;
  let buffer = '';
  let readyResolve;
  const ready = new Promise((resolve, reject) => {
    readyResolve = resolve;
    child.on('exit', (code) => reject(new Error(`bench host exited with ${code}:\n${log.slice(-4000)}`)));
  });
  child.stderr.on('data', (chunk) => {
    log += chunk.toString();
    if (log.length > 100_000) log = log.slice(-50_000);
  });
  child.stdout.on('data', (chunk) => {
    buffer += chunk.toString();
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.startsWith('Baton console: ')) {
        consoleUrl = line.slice('Baton console: '.length).trim();
        readyResolve(Date.now() - spawnedAt);
      } else if (line.startsWith('bench ')) {
        const answer = JSON.parse(line.slice(6));
        const index = waiters.findIndex((w) => w.event === answer.event || answer.event === 'error');
        if (index >= 0) waiters.splice(index, 1)[0].resolve(answer);
      }
    }
  });
  const readyMs = await ready;

  const waitFor = (event, timeoutMs = 600_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`bench host: no ${event} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiters.push({
        event,
        resolve: (answer) => {
          clearTimeout(timer);
          if (answer.event === 'error') reject(new Error(`bench host: ${answer.message}`));
          else resolve(answer);
        },
      });
    });

  return {
    pid: child.pid,
    readyMs,
    consoleUrl,
    /** Sends a command; resolves with the answer named `until`. */
    command(value, until) {
      const answer = waitFor(until);
      child.stdin.write(`${JSON.stringify(value)}\n`);
      return answer;
    },
    waitFor,
    /** Resident set size of the host process in MB, from /proc (Linux). */
    rssMb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
        return Number.isFinite(kb) ? kb / 1024 : null;
      } catch {
        return null;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.write(`${JSON.stringify({ cmd: 'stop' })}\n`);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
