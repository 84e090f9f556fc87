import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SERVER_MAIN = path.join(REPO_ROOT, 'server', 'dist', 'main.js');
const H5_DIR = path.join(REPO_ROOT, 'miniapp', 'dist', 'h5');
const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  baseUrl: string;
  page: Page;
  /** Uncaught page errors and console errors: a finished product shows none. */
  errors: string[];
  /**
   * A second person's browser (its own profile, so its own session), for journeys where two people
   * take turns: an applicant and the staff member who reviews. Desktop size, as staff often work;
   * `{ phone: true }` for a second member on their phone.
   */
  secondBrowser: (options?: { phone?: boolean }) => Promise<Page>;
  close: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy within 30 s:\n${log()}`);
}

/** Starts the built server on a free port with a fresh database, and a fresh browser profile. */
export async function startHarness(): Promise<Harness> {
  for (const required of [path.join(H5_DIR, 'index.html'), SERVER_MAIN]) {
    if (!existsSync(required)) {
      throw new Error(
        `${required} is missing: build first (npx tsc -b shared && npm run build -w @itss/server; cd miniapp && npx taro build --type h5)`,
      );
    }
  }
  const tempDir = mkdtempSync(path.join(tmpdir(), 'itss-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      SQLITE_PATH: path.join(tempDir, 'e2e.sqlite'),
      H5_DIR,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  let context: BrowserContext | undefined;
  const others: BrowserContext[] = [];
  const close = async (): Promise<void> => {
    for (const other of others) await other.close();
    await context?.close();
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, server, () => output);
    context = await chromium.launchPersistentContext(path.join(tempDir, 'profile'), {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    // The server's Content Security Policy must let the app work: a blocked eval or inline script is
    // not always logged to the console, but every violation fires this event.
    await page.exposeFunction('__itssCspViolation', (report: string) => errors.push(report));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __itssCspViolation: (report: string) => void })
          .__itssCspViolation;
        report(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
      });
    });
    const secondBrowser = async ({ phone = false }: { phone?: boolean } = {}): Promise<Page> => {
      const other = await chromium.launchPersistentContext(
        path.join(tempDir, `profile-${others.length + 1}`),
        {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: CHROMIUM_ARGS,
          ...(phone
            ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 }
            : { viewport: { width: 1280, height: 800 } }),
          locale: 'zh-CN',
        },
      );
      others.push(other);
      const second = other.pages()[0] ?? (await other.newPage());
      second.on('pageerror', (error) => errors.push(error.message));
      return second;
    };
    return { baseUrl, page, errors, secondBrowser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The page a person is looking at: the visible, settled Taro page. */
export function currentPage(page: Page): Locator {
  return page.locator('.taro_page.taro_page_stationed:visible');
}

/** Line breaks and the spacing Taro adds between inline nodes are layout, not content. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

export async function visibleText(page: Page): Promise<string> {
  return compact(await currentPage(page).innerText());
}

/** Taro animates page changes: a page is settled once the top page has landed. */
export async function waitForPage(page: Page, route: string): Promise<void> {
  await page.waitForFunction((expected) => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page'));
    const top = pages.filter((p) => p.style.display !== 'none').pop();
    return !!top && top.id.startsWith(expected) && top.classList.contains('taro_page_stationed');
  }, route);
}

/**
 * With SCREENSHOTS=1, saves the whole page: a Taro tab page scrolls inside itself, so the viewport
 * is stretched to the content's height for the shot and restored after.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  const viewport = page.viewportSize() ?? { width: 375, height: 812 };
  const height = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
      (p) => p.offsetParent,
    );
    const top = shown.pop();
    return top ? window.innerHeight - top.clientHeight + top.scrollHeight : document.body.scrollHeight;
  });
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  // A click further down may have scrolled the page; the shot starts at its top.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const scrolled of Array.from(document.querySelectorAll<HTMLElement>('.taro_page')))
      scrolled.scrollTop = 0;
  });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  await page.setViewportSize(viewport);
}
