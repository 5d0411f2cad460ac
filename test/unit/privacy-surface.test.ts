// The privacy promise, as what the extension asks Chrome for and what its code could call: the
// manifest requests exactly the permissions docs/SECURITY.md justifies, nothing that reaches pages
// or the network, nothing that lets a web page or another extension message Dwell; and no source
// file calls a network API or an HTML sink. A new permission or a fetch() fails here until the
// docs name it and this list is changed on purpose.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const security = readFileSync(join(ROOT, 'docs', 'SECURITY.md'), 'utf8');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(ts|html)$/.test(d.name) ? [p] : [];
  });
const sources = sourceFiles(join(ROOT, 'src')).map((file) => ({ file: file.slice(ROOT.length + 1), text: readFileSync(file, 'utf8') }));

/** Permission names in the first column of SECURITY.md's table, in order. */
function documentedPermissions(): string[] {
  const section = security.split('## Permissions and why each is needed')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| `([a-zA-Z]+)` \|/gm)].map((m) => m[1]!);
}

describe('what Dwell asks Chrome for', () => {
  it('requests exactly the permissions SECURITY.md explains, each one once', () => {
    expect(manifest.permissions).toEqual(documentedPermissions());
    expect(documentedPermissions()).toEqual(['tabs', 'alarms', 'idle', 'storage', 'unlimitedStorage', 'favicon', 'notifications']);
  });

  it('has no host permissions, content scripts, web-accessible resources or external messaging', () => {
    for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'content_scripts', 'web_accessible_resources', 'externally_connectable', 'declarative_net_request']) {
      expect(manifest, `manifest.json must not have ${key}`).not.toHaveProperty(key);
    }
  });

  it('a page may only be served from the extension itself (no remote code in the CSP)', () => {
    // No content_security_policy key: Chrome's MV3 default forbids remote scripts and eval.
    expect(manifest).not.toHaveProperty('content_security_policy');
  });
});

describe('what the source could call', () => {
  const NETWORK = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection)\s*\(|\bnew\s+(XMLHttpRequest|WebSocket|EventSource|RTCPeerConnection)\b|navigator\.sendBeacon/;
  const HTML_SINKS = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write\s*\(|\beval\s*\(|new\s+Function\s*\(/;

  it('reads the whole source tree', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some((s) => s.file === join('src', 'background', 'capture.ts'))).toBe(true);
  });

  it('no source file calls a network API', () => {
    expect(sources.filter((s) => NETWORK.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('no source file writes HTML from a string or evaluates code', () => {
    expect(sources.filter((s) => HTML_SINKS.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('the worker listens only to its own pages (no onMessageExternal, sender checked)', () => {
    const wiring = sources.find((s) => s.file === join('src', 'background', 'index.ts'))!.text;
    expect(wiring).not.toMatch(/onMessageExternal|onConnectExternal/);
    expect(wiring).toMatch(/sender\.id !== chrome\.runtime\.id/);
  });

  it('the patterns catch what they are meant to (a probe of each)', () => {
    expect(NETWORK.test("await fetch('https://x.test')")).toBe(true);
    expect(NETWORK.test('navigator.sendBeacon(u, d)')).toBe(true);
    expect(NETWORK.test('const ws = new WebSocket(u)')).toBe(true);
    expect(HTML_SINKS.test('el.innerHTML = title')).toBe(true);
    expect(HTML_SINKS.test("el.insertAdjacentHTML('beforeend', t)")).toBe(true);
    expect(HTML_SINKS.test('el.textContent = title')).toBe(false);
  });
});
