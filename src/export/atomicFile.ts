// A file written under a temporary name in the target's folder and renamed onto the target only when
// complete: a cancel, a failure or a crash never leaves a file that looks complete, and a file that was
// there before stays as it was until the new one is whole. Imports no `vscode`.
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import type { FileHandle } from 'fs/promises';
import * as path from 'path';

/** The temporary name beside `target`: hidden, and ending in .part so it never passes for an export. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
}

export class AtomicFile {
  private closed = false;

  private constructor(
    readonly target: string,
    readonly tempPath: string,
    private readonly handle: FileHandle,
  ) {}

  /** Creates the temporary file (never an existing one). */
  static async create(target: string): Promise<AtomicFile> {
    const temp = tempPathFor(target);
    return new AtomicFile(target, temp, await fs.open(temp, 'wx'));
  }

  /** Appends `text` as UTF-8; resolves once it is all written (the caller waits: memory stays at one chunk). */
  async write(text: string): Promise<void> {
    if (text === '') { return; }
    const bytes = Buffer.from(text, 'utf8');
    // A write may take part of the buffer; bounded by its size (each round writes at least one byte or throws).
    for (let done = 0, rounds = 0; done < bytes.length && rounds <= bytes.length; rounds++) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
  }

  /** Flushes, closes and renames onto the target (replacing a file that was there). */
  async commit(): Promise<void> {
    await this.handle.sync();
    await this.close();
    await fs.rename(this.tempPath, this.target);
  }

  /** Closes and deletes the temporary file; never throws (it runs on the way out of a failure). */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await fs.rm(this.tempPath, { force: true }).catch(() => undefined);
  }

  private async close(): Promise<void> {
    if (this.closed) { return; }
    this.closed = true;
    await this.handle.close();
  }
}
