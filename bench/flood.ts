// 4. A page flooding its title: how long a command waits while a real tab changes document.title
//    as fast as it can (one change per task) for `seconds`. The commands are sent inside the worker,
//    on its own timers (through CDP or a page, Chromium itself routes every message late during a
//    flood, which says nothing about Dwell); test/e2e/flood.test.ts asserts they are answered
//    before the flood ends, this reports how long they took and how many events the flood caused.
import { clearAlarms, launch, startServer } from './launch.ts';
import { fmtInt, fmtMs, median, type Row } from './stats.ts';

type Timed = { sentAt: number; answeredAt: number; ok: boolean };
type Scope = {
  dwell: { handle(c: unknown): Promise<{ ok: boolean }> };
  __floodQueries?: Timed[];
};

export async function runFloodBench(opts: { seconds: number; queries: number }): Promise<{ rows: Row[]; log: string[] }> {
  const server = await startServer();
  const b = await launch();
  try {
    await clearAlarms(b);
    const page = await b.ctx.newPage();
    await page.goto(`http://flood.test:${server.port}/`);
    await page.bringToFront();
    await page.waitForTimeout(1_000);
    const eventsLogged = async (): Promise<number> => {
      const d = await b.handle({ type: 'diagnostics' });
      return d.counters.events + d.pending;
    };
    const before = await eventsLogged();
    const floodMs = opts.seconds * 1000;
    const offsets = Array.from({ length: opts.queries }, (_, i) => Math.round(((i + 1) * floodMs) / (opts.queries + 1)));
    await b.inWorker(
      (at: number[]) => {
        const g = self as unknown as Scope;
        const answers: Timed[] = (g.__floodQueries = []);
        for (const ms of at) {
          setTimeout(() => {
            const sentAt = Date.now();
            void g.dwell.handle({ type: 'query', range: 'all', pages: true }).then((r) => answers.push({ sentAt, answeredAt: Date.now(), ok: r.ok }));
          }, ms);
        }
      },
      offsets,
      'scheduling queries',
    );
    const changes = await page.evaluate(async (ms: number) => {
      const channel = new MessageChannel();
      const end = Date.now() + ms;
      let n = 0;
      while (Date.now() < end) {
        document.title = `(${++n}) flood`;
        await new Promise<void>((resolve) => ((channel.port1.onmessage = () => resolve()), channel.port2.postMessage(0)));
      }
      return n;
    }, floodMs);
    await page.waitForTimeout(3_000); // the last held title is released within a window
    const answers = await b.inWorker(() => (self as unknown as Scope).__floodQueries ?? [], undefined, 'answers');
    const events = (await eventsLogged()) - before;
    const latencies = answers.map((a) => a.answeredAt - a.sentAt);
    const failed = answers.filter((a) => !a.ok).length + (opts.queries - answers.length);
    if (failed > 0) throw new Error(`${failed} of ${opts.queries} queries during the flood failed or were not answered`);
    return {
      log: [`${changes} title changes in ${opts.seconds} s → ${events} events; query latencies ${latencies.join(', ')} ms`],
      rows: [
        { metric: `Flood: query answered during a ${opts.seconds} s title flood (median / max of ${opts.queries})`, value: `${fmtMs(median(latencies), 0)} / ${fmtMs(Math.max(...latencies), 0)}`, target: 'answered during the flood', pass: true },
        { metric: `Flood: events logged for ${fmtInt(changes)} title changes in ${opts.seconds} s`, value: fmtInt(events), target: `≤ ${2 * opts.seconds + 5}`, pass: events <= 2 * opts.seconds + 5 },
      ],
    };
  } finally {
    await b.close();
    await server.close();
  }
}
