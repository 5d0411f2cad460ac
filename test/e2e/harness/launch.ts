// Launches Chromium with an unpacked extension (Dwell's dist/ by default) on a profile directory,
// with the flags explained in docs/e2e.md ("Launching Chromium"). The benchmark launches through
// here too (bench/launch.ts), so both measure the same browser.
import { chromium, type BrowserContext } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExtensionWorker } from './worker.ts';
import { withTimeout } from './timeout.ts';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** CHROME_PATH, else Debian's /usr/bin/chromium. A missing browser is an error, never a skip:
 *  a suite that silently skips proves nothing. */
export function chromePath(): string {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}${process.env.CHROME_PATH ? ' (from CHROME_PATH)' : ''}. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (Debian/Ubuntu, as root), ' +
        'or set CHROME_PATH to a Chromium/Chrome binary. Do not use `npx playwright install`.',
    );
  }
  return path;
}

/** The built extension. The browser tests run against what ships, so a missing build is an error. */
export function distDir(): string {
  const dir = resolve(repoRoot, 'dist');
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir} (manifest.json missing): run \`npm run build\` first.`);
  }
  return dir;
}

/** HEADED=1 shows the browser (needs a display, e.g. `xvfb-run`). */
export const headed = (): boolean => !!process.env.HEADED && process.env.HEADED !== '0';

export function freshProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'dwell-e2e-profile-'));
}

export function removeProfileDir(dir: string): void {
  if (process.env.KEEP_PROFILE) return; // keep it to inspect a failure
  try {
    // Chromium's last writes can race a just-closed browser: retry a few times.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (err) {
    console.warn(`could not remove the test profile ${dir}: ${String(err)}`);
  }
}

export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Every *.test host is served by the test's own server (server.ts).
    '--host-resolver-rules=MAP *.test 127.0.0.1',
  ];
}

export interface Browser {
  ctx: BrowserContext;
  extensionId: string;
  profileDir: string;
  worker: ExtensionWorker;
  /** Closes the browser (the profile stays, for a relaunch). */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a profile (relaunch); default: a fresh temporary one. */
  profileDir?: string;
  /** Default: Dwell's dist/. */
  extensionDir?: string;
  /** Default: headless unless HEADED is set. */
  headless?: boolean;
  /** Default: 1000 × 700. */
  viewport?: { width: number; height: number };
  /** Settings added to chromiumArgs(). */
  extraArgs?: string[];
  /** Added to this process's environment for the browser (TZ, a libfaketime preload). */
  env?: Record<string, string>;
}

export async function launchBrowser(opts: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromePath();
  const extensionDir = opts.extensionDir ?? distDir();
  const profileDir = opts.profileDir ?? freshProfileDir();
  const ctx = await withTimeout(
    chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: opts.headless ?? !headed(),
      args: [...chromiumArgs(extensionDir), ...(opts.extraArgs ?? [])],
      viewport: opts.viewport ?? { width: 1000, height: 700 },
      ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
    }),
    30_000,
    `launching ${executablePath}`,
  );
  try {
    const first = ctx.serviceWorkers()[0] ?? (await withTimeout(ctx.waitForEvent('serviceworker'), 15_000, 'the extension service worker to appear'));
    const extensionId = new URL(first.url()).host;
    const worker = await ExtensionWorker.attach(ctx, extensionId);
    // The worker is listed before its script has run: a tab opened now could lose its activation.
    await worker.ready();
    return {
      ctx,
      extensionId,
      profileDir,
      worker,
      close: async () => {
        worker.detach();
        await withTimeout(ctx.close(), 30_000, 'closing the browser');
      },
    };
  } catch (err) {
    await ctx.close().catch(() => undefined);
    throw err;
  }
}
