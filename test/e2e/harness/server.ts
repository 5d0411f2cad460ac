// The pages the scenarios browse: a tiny HTTP server on 127.0.0.1 (ephemeral port). Chromium is
// launched with `--host-resolver-rules=MAP *.test 127.0.0.1`, so any http://<name>.test:PORT/path
// lands here and Dwell sees a real-looking host. Each page's title names its host and path, except:
// /plain/… answers text/plain (no <title>: Chrome shows the URL, query included, as the title), and
// /slow/… sends its <title> only after SLOW_TITLE_MS (until then the tab's title is the URL), and
// /iconic/… links a favicon (/icon.png); every other page has none (/favicon.ico answers 204).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const SLOW_TITLE_MS = 1_500;
/** A 16×16 red square: the icon of every page under /iconic/ (they link it as /icon.png). */
export const ICON_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGUlEQVR4nGM4ISf3nxLMMGrAqAGjBgwXAwAG2gMfBgtJvQAAAABJRU5ErkJggg==', 'base64');
export const SLOW_TITLE = 'Quarterly report';

export interface PageServer {
  port: number;
  /** http://<host>:<port><path> */
  url(host: string, path?: string): string;
  close(): Promise<void>;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function startPageServer(): Promise<PageServer> {
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? 'unknown').replace(/:\d+$/, '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/icon.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(ICON_PNG);
      return;
    }
    if (path.startsWith('/plain/')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('{"ok": true, "note": "an API answer with no title"}');
      return;
    }
    if (path.startsWith('/slow/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.write('<!doctype html><html><head><meta charset="utf-8">');
      setTimeout(() => res.end(`<title>${SLOW_TITLE}</title></head><body><p>Late title.</p></body></html>`), SLOW_TITLE_MS);
      return;
    }
    const title = escapeHtml(`${host}${path}`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    const icon = path.startsWith('/iconic/') ? '<link rel="icon" type="image/png" href="/icon.png">' : '';
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${icon}</head>` +
      `<body><h1>${title}</h1><p>A page served for Dwell's browser tests.</p></body></html>`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Chromium keeps connections alive; close them or server.close() waits for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
