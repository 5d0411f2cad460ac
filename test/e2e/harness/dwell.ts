// Dwell's documented command API, reached the way the worker's own runtime.onMessage reaches it:
// self.dwell.handle(cmd) evaluated in the worker (a worker never receives its own messages).
// Results are read only through commands (query, aggregateNow, diagnostics), never from storage.
import type { Command, Response, ResultOf } from '../../../src/core/api.ts';
import type { Settings } from '../../../src/settings/defaults.ts';
import type { ExtensionWorker } from './worker.ts';

export class DwellClient {
  constructor(private readonly worker: ExtensionWorker) {}

  async handle<C extends Command>(cmd: C): Promise<ResultOf<C>> {
    const response = await this.worker.evaluate(
      (m: Command) => (self as unknown as { dwell: { handle(c: Command): Promise<Response<unknown>> } }).dwell.handle(m),
      cmd,
      `dwell.handle(${cmd.type})`,
      60_000,
    );
    if (!response || typeof response !== 'object' || !('ok' in response)) {
      throw new Error(`dwell.handle(${cmd.type}) answered something that is not a Response: ${JSON.stringify(response)}`);
    }
    if (!response.ok) throw new Error(`dwell.handle(${cmd.type}) failed: ${response.error}`);
    return response.result as ResultOf<C>;
  }

  query(pages: boolean | string = true) {
    return this.handle({ type: 'query', range: 'all', pages });
  }

  aggregateNow() {
    return this.handle({ type: 'aggregateNow' });
  }

  diagnostics() {
    return this.handle({ type: 'diagnostics' });
  }

  /** Merges into the stored settings (key 'settings'); the worker picks them up live. */
  async setSettings(patch: Partial<Settings>): Promise<void> {
    await this.worker.evaluate(
      async (p: Partial<Settings>) => {
        const { settings } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...(settings as object | undefined), ...p } });
      },
      patch,
      'writing settings',
    );
  }

  alarms(): Promise<chrome.alarms.Alarm[]> {
    return this.worker.evaluate(() => chrome.alarms.getAll(), undefined, 'chrome.alarms.getAll()');
  }
}
