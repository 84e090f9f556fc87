import { randomBytes } from 'node:crypto';

/** wx.login codes and phone codes live five minutes, like WeChat's. */
const CODE_TTL_MS = 5 * 60_000;

/** A random secret of this many bytes, as WeChat's codes, tokens and session keys look. */
export function newSecret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** One-time codes: taking a code removes it, so a second use fails like WeChat's. */
export class CodeBook<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  issue(value: T): string {
    const now = Date.now();
    // Forget codes nobody exchanged, so a long-running development server does not grow.
    for (const [code, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(code);
    const code = newSecret(24);
    this.entries.set(code, { value, expiresAt: now + CODE_TTL_MS });
    return code;
  }

  take(code: string): T | undefined {
    const entry = this.entries.get(code);
    this.entries.delete(code);
    return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
  }
}
