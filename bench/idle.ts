// Worker CPU while nothing happens (issue #11): one tracked tab in front and no input, first with no
// limit, then with a daily limit pending on that very site. Dwell polls nothing: what runs is the
// heartbeat alarm (a beat, the limit check, the badge) and the aggregation alarm, so the CPU per
// idle minute must stay small and must not grow with a limit pending. Measured with V8's CPU
// profiler on the worker target (1 ms sampling): every sample that is not "(idle)" is CPU.
// While the profiler is attached Chrome does not stop the worker, so this is the cost of a worker
// that stays awake — the most an idle minute can cost.
import { launch, setSettings, startServer, type Bench } from './launch.ts';
import type { Row } from './stats.ts';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  samples: number[];
  timeDeltas: number[];
}

const TARGET_MS_PER_MINUTE = 15;

async function cpuOver(b: Bench, seconds: number): Promise<{ cpuMs: number; programMs: number; gcMs: number; events: number }> {
  const before = await b.handle({ type: 'diagnostics' });
  const eventsBefore = before.counters.events + before.pending;
  await b.cdp.send('Profiler.enable');
  await b.cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await b.cdp.send('Profiler.start');
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const { profile } = await b.cdp.send<{ profile: CpuProfile }>('Profiler.stop');
  await b.cdp.send('Profiler.disable');
  const d = await b.handle({ type: 'diagnostics' });
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  let cpuMs = 0;
  let programMs = 0;
  let gcMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const name = byId.get(id) ?? '';
    if (name === '(idle)') return;
    cpuMs += ms;
    if (name === '(program)') programMs += ms;
    if (name === '(garbage collector)') gcMs += ms;
  });
  return { cpuMs, programMs, gcMs, events: d.counters.events + d.pending - eventsBefore };
}

export async function runIdleBench(opts: { seconds: number }): Promise<{ rows: Row[]; log: string[] }> {
  const server = await startServer();
  const b = await launch();
  const log: string[] = [];
  try {
    const page = await b.ctx.newPage();
    await page.goto(`http://idle.test:${server.port}/`);
    await page.bringToFront();
    await new Promise((r) => setTimeout(r, 3000)); // the switch's events and their enrichment settle
    const free = await cpuOver(b, opts.seconds);
    await setSettings(b, { siteLimits: [{ site: 'idle.test', minutes: 600 }] });
    await new Promise((r) => setTimeout(r, 1000));
    const limited = await cpuOver(b, opts.seconds);
    const perMinute = (x: { cpuMs: number }) => (x.cpuMs * 60) / opts.seconds;
    for (const [what, x] of [['no limit', free], ['a limit pending', limited]] as const) {
      log.push(`${what}: ${x.cpuMs.toFixed(1)} ms CPU over ${opts.seconds} s ((program) ${x.programMs.toFixed(1)}, GC ${x.gcMs.toFixed(1)}), ${x.events} events logged`);
    }
    const row = (what: string, x: typeof free): Row => ({
      metric: `Worker CPU per idle minute, one tracked tab in front, ${what} (V8 profile of the awake worker, ${opts.seconds} s; events logged meanwhile: ${x.events})`,
      value: `${perMinute(x).toFixed(1)} ms`,
      target: `≤ ${TARGET_MS_PER_MINUTE} ms`,
      pass: perMinute(x) <= TARGET_MS_PER_MINUTE,
    });
    return { rows: [row('no limit', free), row('a daily limit pending on it', limited)], log };
  } finally {
    await b.close();
    await server.close();
  }
}
