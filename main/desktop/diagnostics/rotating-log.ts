/**
 * Baton's local log: one file that rolls over at a size limit, keeping a few older files
 * (baton.log, baton.1.log … baton.N.log). Nothing is sent anywhere; support reads it through the
 * redacted "Copy diagnostics" bundle or from disk. Plain Node so the core could write it too.
 *
 * Writes are synchronous and small: the main process logs rarely, and a line written just before a crash
 * is the line that matters.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { redact } from './redact';

export interface RotatingLogOptions {
  dir: string;
  /** Base name without extension; `baton` gives baton.log. */
  name?: string;
  /** Roll over when the current file would exceed this many bytes. */
  maxBytes?: number;
  /** Older files kept beside the current one. */
  keep?: number;
  now?: () => Date;
}

export class RotatingLog {
  private readonly name: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;
  private failed = false;

  constructor(private readonly options: RotatingLogOptions) {
    this.name = options.name ?? 'baton';
    this.maxBytes = options.maxBytes ?? 1_000_000;
    this.keep = options.keep ?? 3;
    this.now = options.now ?? (() => new Date());
  }

  get file(): string {
    return this.fileAt(0);
  }

  private fileAt(index: number): string {
    return path.join(this.options.dir, index === 0 ? `${this.name}.log` : `${this.name}.${index}.log`);
  }

  /** Appends one line (redacted, timestamped, control characters flattened). Never throws. */
  write(line: string): void {
    if (this.failed) return;
    const flat = redact(String(line))
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
      .replace(/\n/g, ' ⏎ ');
    const entry = `${this.now().toISOString()} ${flat.slice(0, 4000)}\n`;
    try {
      mkdirSync(this.options.dir, { recursive: true });
      const size = existsSync(this.file) ? statSync(this.file).size : 0;
      if (size > 0 && size + Buffer.byteLength(entry) > this.maxBytes) this.rotate();
      appendFileSync(this.file, entry, { mode: 0o600 });
    } catch {
      // A full or read-only disk must not take the app down with it; stop trying for this session.
      this.failed = true;
    }
  }

  private rotate(): void {
    rmSync(this.fileAt(this.keep), { force: true });
    for (let i = this.keep - 1; i >= 0; i--) {
      if (existsSync(this.fileAt(i))) renameSync(this.fileAt(i), this.fileAt(i + 1));
    }
  }

  /** The last `count` lines across the current and rotated files, oldest first. */
  tail(count: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i <= this.keep && lines.length < count; i++) {
      let text: string;
      try {
        text = readFileSync(this.fileAt(i), 'utf8');
      } catch {
        continue;
      }
      const fileLines = text.split('\n').filter((l) => l.length > 0);
      lines.unshift(...fileLines.slice(-(count - lines.length)));
    }
    return lines.slice(-count);
  }
}
