// Import: read, parse and validate the file here (with progress), show what it holds, and only
// on "Import" send it to the worker — in chunks one message can carry, published whole at the
// end — merge (replaces each day × site the file has; importing the same file twice changes
// nothing) or replace (the file becomes the whole history). The file's categories then go into
// the settings (core/categories.ts importCategories: merge by id, replace takes the file's list).
import type { ExportFile } from '../core/api.ts';
import { isStagingLost } from '../core/import-chunks.ts';
import { byId, setText } from '../ui/dom.ts';
import { formatDuration, formatNumber } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { MAX_IMPORT_BYTES, applyImportedCategories, prepareImport, publishImport, type ImportPhase } from '../ui/import-model.ts';
import { settingsStore } from '../ui/settings.ts';
import { describeError } from '../ui/error-message.ts';
import { errorText } from '../ui/messaging.ts';
import { confirmAction } from '../ui/confirm.ts';

const MIB = 1024 * 1024;

const PHASE_KEYS: Record<ImportPhase, string> = { reading: 'importReading', parsing: 'importParsing', validating: 'importValidating' };
/** Share of the progress bar per phase: reading dominates on large files. */
const PHASE_SPAN: Record<ImportPhase, [number, number]> = { reading: [0, 0.7], parsing: [0.7, 0.8], validating: [0.8, 1] };

export function mountImport(locale: string, onImported: () => void): void {
  const input = byId<HTMLInputElement>('import-file');
  const box = byId('import-progress-box');
  const bar = byId<HTMLProgressElement>('import-progress');
  const phase = byId('import-phase');
  const error = byId('import-error');
  const preview = byId('import-preview');
  const confirm = byId<HTMLButtonElement>('import-confirm');
  const result = byId('import-result');
  let pending: ExportFile | null = null;
  let attempt = 0;

  const reset = (): void => {
    pending = null;
    preview.hidden = true;
    box.hidden = true;
  };

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    reset();
    setText(error, '');
    setText(result, '');
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setText(error, t('importTooLarge', formatNumber(Math.ceil(file.size / MIB), locale), formatNumber(MAX_IMPORT_BYTES / MIB, locale)));
      return;
    }
    const mine = ++attempt; // a newer choice supersedes a file still being read
    box.hidden = false;
    prepareImport(file, (p, f) => {
      if (mine !== attempt) return;
      const [a, b] = PHASE_SPAN[p];
      bar.value = a + (b - a) * f;
      setText(phase, t(PHASE_KEYS[p]));
    })
      .then((prepared) => {
        if (mine !== attempt) return;
        box.hidden = true;
        if (!prepared.ok) {
          setText(error, t('importInvalid', prepared.error));
          return;
        }
        const s = prepared.summary;
        pending = prepared.file;
        setText(byId('import-days'), formatNumber(s.days, locale));
        setText(byId('import-sites'), formatNumber(s.sites, locale));
        setText(byId('import-total'), formatDuration(s.totalMs, locale));
        setText(byId('import-period'), s.firstDay && s.lastDay ? `${s.firstDay} – ${s.lastDay}` : '—');
        preview.hidden = false;
        confirm.focus();
      })
      .catch((e: unknown) => {
        box.hidden = true;
        setText(error, t('importInvalid', errorText(e)));
      });
  });

  byId('import-cancel').addEventListener('click', () => {
    reset();
    input.value = '';
  });

  const doImport = async (file: ExportFile): Promise<void> => {
    const mode = byId<HTMLInputElement>('import-mode-replace').checked ? 'replace' : 'merge';
    // "replace" throws away all current history: ask once more.
    if (mode === 'replace' && !(await confirmAction(t('confirmReplace'), t('importConfirm')))) return;
    box.hidden = false;
    bar.value = 0;
    setText(phase, t('importSending'));
    const s = await publishImport(file, mode, { onProgress: (f) => (bar.value = f) }).finally(() => {
      box.hidden = true;
    });
    await applyImportedCategories(settingsStore, file, mode);
    setText(result, t(s.mode === 'replace' ? 'importedReplace' : 'importedMerge', formatNumber(s.days, locale), formatNumber(s.sites, locale), formatDuration(s.totalMs, locale)));
    reset();
    input.value = '';
    onImported();
  };

  confirm.addEventListener('click', () => {
    if (!pending) return;
    confirm.disabled = true;
    doImport(pending)
      .catch((e: unknown) => setText(error, isStagingLost(e) ? t('errorImportInterrupted') : describeError(e, (text) => t('errorImport', text))))
      .finally(() => {
        confirm.disabled = false;
      });
  });
}
