// Options page rules: number inputs, settings writes, delete inputs, diagnostics and verify views.
import { describe, expect, it } from 'vitest';
import type { Diagnostics, VerifyReport } from '../../src/core/api.ts';
import { defaults, SETTINGS_VERSION } from '../../src/settings/defaults.ts';
import { buildDiagnosticsView, buildVerifyView } from '../../src/ui/diagnostics-model.ts';
import { SAFETY_FLAGS, NUMBER_FIELDS, formValues, parseDayToDelete, parseNumberField, parseSiteToDelete, type NumberField } from '../../src/ui/options-model.ts';
import { patchSettings } from '../../src/settings/store.ts';

const field = (key: NumberField['key']): NumberField => {
  const f = NUMBER_FIELDS.find((x) => x.key === key);
  if (!f) throw new Error(key);
  return f;
};

describe('number fields', () => {
  it('idle threshold accepts 15 s to 30 min only', () => {
    const idle = field('idleSeconds');
    expect(parseNumberField(idle, '15')).toEqual({ ok: true, value: 15 });
    expect(parseNumberField(idle, ' 1800 ')).toEqual({ ok: true, value: 1800 });
    expect(parseNumberField(idle, '14')).toEqual({ ok: false, problem: { key: 'errorRange', subs: ['15', '1800'] } });
    expect(parseNumberField(idle, '1801')).toMatchObject({ ok: false, problem: { key: 'errorRange' } });
  });

  it.each(['', 'abc', '1.5', '-3', '1e3', '0x10'])('refuses %j as not a whole number', (raw) => {
    expect(parseNumberField(field('batchSize'), raw)).toMatchObject({ ok: false, problem: { key: 'errorWholeNumber' } });
  });

  it('history retention allows 0 (forever)', () => {
    expect(parseNumberField(field('historyRetentionDays'), '0')).toEqual({ ok: true, value: 0 });
  });

  it('covers every numeric limit of the settings', () => {
    expect(NUMBER_FIELDS.map((f) => f.key).sort()).toEqual(['batchSize', 'heartbeatSeconds', 'historyRetentionDays', 'idleSeconds', 'rawEventRetentionDays']);
    expect(SAFETY_FLAGS).toEqual(['processingLock', 'batchProcessing', 'sequenceTracking']);
  });
});

describe('patchSettings', () => {
  it('applies a patch over the normalized stored value and stamps the version', () => {
    const next = patchSettings({ idleSeconds: 120, paused: true }, { batchProcessing: false });
    expect(next).toEqual({ ...defaults, idleSeconds: 120, paused: true, batchProcessing: false, version: SETTINGS_VERSION });
  });

  it('starts from defaults when nothing (or garbage) is stored', () => {
    expect(patchSettings(undefined, {})).toEqual({ ...defaults, version: SETTINGS_VERSION });
    expect(patchSettings('corrupt', { recordIncognito: true })).toEqual({ ...defaults, recordIncognito: true, version: SETTINGS_VERSION });
  });

  it('never stores an out-of-range value or an invalid exclusion', () => {
    const next = patchSettings({}, { idleSeconds: 5, excludedSites: ['Example.com', 'bad entry'] });
    expect(next.idleSeconds).toBe(15);
    expect(next.excludedSites).toEqual(['example.com']);
  });

  it('formValues shows settings as the form holds them', () => {
    const v = formValues({ ...defaults, idleSeconds: 90, processingLock: false });
    expect(v.idleSeconds).toBe('90');
    expect(v.processingLock).toBe(false);
    expect(v.recordIncognito).toBe(false);
  });
});

describe('delete inputs', () => {
  it.each([
    ['example.com', 'example.com'],
    ['www.Example.com', 'example.com'],
    ['https://news.bbc.co.uk/world', 'bbc.co.uk'],
    ['localhost', 'localhost'],
  ])('site %j → %j', (raw, domain) => {
    expect(parseSiteToDelete(raw)).toEqual({ ok: true, value: domain });
  });

  it.each(['', 'not a site', '*.example.com'])('refuses site %j', (raw) => {
    expect(parseSiteToDelete(raw)).toMatchObject({ ok: false, problem: { key: 'errorSite' } });
  });

  it('needs a real calendar day', () => {
    expect(parseDayToDelete('2024-03-10')).toEqual({ ok: true, value: '2024-03-10' });
    expect(parseDayToDelete('')).toMatchObject({ ok: false });
    expect(parseDayToDelete('2024-02-31')).toMatchObject({ ok: false });
  });
});

describe('diagnostics view', () => {
  const now = Date.parse('2024-03-10T12:00:00Z');
  const diag = (over: Partial<Diagnostics> = {}): Diagnostics => ({
    runs: [
      { id: 1, start: now - 60_000, end: now - 59_990, durationMs: 10, events: 5, batches: 1, lock: 'acquired', gaps: 0, reconstructed: 0, recoveries: 0, errors: [], trigger: 'alarm' },
      { id: 2, start: now - 1_000, end: now - 900, durationMs: 100, events: 1200, batches: 2, lock: 'takenOver', gaps: 1, reconstructed: 0, recoveries: 0, errors: ['boom'], trigger: 'popup' },
    ],
    pending: 1234,
    watermark: 1_048_580,
    lease: { key: 'lease', owner: 'worker-a', acquiredAt: now - 5_000, expiresAt: now + 25_000 },
    counters: { events: 9, gaps: 1, reconstructed: 2, recoveries: 3, clockJumps: 4, corrupt: 5, outages: 6 },
    errors: [{ at: now - 10, where: 'capture', message: 'QuotaExceededError' }],
    generation: 3,
    rollovers: 0,
    openVisit: { domain: 'example.com', url: 'https://example.com/', start: now - 65_000 },
    ...over,
  });

  it('shows the newest run first, counters, the lock holder and the open visit', () => {
    const v = buildDiagnosticsView(diag(), now, 'free', 'en');
    expect(v.runs.map((r) => [r.trigger, r.events, r.lock, r.errors])).toEqual([
      ['popup', '1,200', 'takenOver', 'boom'],
      ['alarm', '5', 'acquired', ''],
    ]);
    expect(v.pending).toBe('1,234');
    expect(v.lock).toBe('worker-a');
    expect(v.lockExpires).toMatch(/2024/); // a held lease shows when it expires (local time)
    expect(v.counters).toEqual([
      { key: 'events', value: '9' },
      { key: 'gaps', value: '1' },
      { key: 'reconstructed', value: '2' },
      { key: 'recoveries', value: '3' },
      { key: 'clockJumps', value: '4' },
      { key: 'corrupt', value: '5' },
      { key: 'outages', value: '6' },
    ]);
    expect(v.openVisit).toBe('example.com — 1m 5s');
    expect(v.errors).toEqual([{ when: expect.any(String) as unknown, where: 'capture', message: 'QuotaExceededError' }]);
  });

  it('shows sequence rollovers beside the generation only when a generation ran out', () => {
    const never = buildDiagnosticsView(diag(), now, 'free', 'en');
    expect([never.generation, never.rollovers]).toEqual(['3', null]);
    const rolled = buildDiagnosticsView(diag({ generation: 1_204, rollovers: 2 }), now, 'free', 'en');
    expect([rolled.generation, rolled.rollovers]).toEqual(['1,204', '2']);
  });

  it('calls an expired or missing lease free', () => {
    const expired = buildDiagnosticsView(diag({ lease: { key: 'lease', owner: 'old', acquiredAt: 0, expiresAt: now - 1 } }), now, 'free', 'en');
    expect([expired.lock, expired.lockExpires]).toEqual(['free', '—']);
    const none = buildDiagnosticsView(diag({ lease: null, openVisit: null }), now, 'free', 'en');
    expect([none.lock, none.lockExpires, none.openVisit]).toEqual(['free', '—', '—']);
  });
});

describe('verify view', () => {
  it('summarizes coverage and signed differences', () => {
    const report: VerifyReport = {
      coveredDays: ['2024-03-10', '2024-03-08', '2024-03-09'],
      firstRetainedSeq: 10,
      differences: [{ day: '2024-03-09', domain: 'a.com', storedMs: 1500, recomputedMs: 1000 }],
      ok: false,
    };
    expect(buildVerifyView(report, 'en')).toEqual({
      ok: false,
      coverage: '2024-03-08 – 2024-03-10',
      coveredDays: 3,
      differences: [{ day: '2024-03-09', domain: 'a.com', stored: '1,500 ms', recomputed: '1,000 ms', delta: '−500 ms' }],
    });
  });

  it('says when nothing is covered', () => {
    expect(buildVerifyView({ coveredDays: [], firstRetainedSeq: null, differences: [], ok: true }, 'en')).toMatchObject({ ok: true, coverage: '', coveredDays: 0 });
  });
});
