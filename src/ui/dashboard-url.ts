// Where each dashboard view lives: the page's hash holds the view and its parameters
// ("#site?d=example.com&r=7d"), so a view survives a reload and the popup can open one directly.
export type DashView = 'overview' | 'sites' | 'search' | 'site' | 'hours' | 'calendar' | 'day' | 'categories';
export const DASH_VIEWS: readonly DashView[] = ['overview', 'sites', 'search', 'site', 'hours', 'calendar', 'day', 'categories'];
const isView = (x: string): x is DashView => DASH_VIEWS.includes(x as DashView);

export const DASHBOARD_PATH = 'src/dashboard/dashboard.html';

/** The dashboard URL relative to the extension root; pass it to chrome.runtime.getURL or
 *  chrome.tabs.create. Empty parameters are left out. */
export function dashboardUrl(view: DashView = 'overview', params: Record<string, string | undefined> = {}): string {
  return DASHBOARD_PATH + dashboardHash(view, params);
}

export function dashboardHash(view: DashView, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const qs = q.toString();
  return `#${view}${qs ? `?${qs}` : ''}`;
}

/** "#site?d=x" → { view: 'site', params: { d: 'x' } }; anything unknown is the overview. */
export function parseDashboardHash(hash: string): { view: DashView; params: Record<string, string> } {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const at = raw.indexOf('?');
  const name = at < 0 ? raw : raw.slice(0, at);
  const params = Object.fromEntries(new URLSearchParams(at < 0 ? '' : raw.slice(at + 1)));
  return { view: isView(name) ? name : 'overview', params };
}
