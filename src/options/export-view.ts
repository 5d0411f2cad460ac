// Export: the worker builds the file ({filename, mime, text}), the categories from the settings
// in it; the page saves it through a Blob, an object URL and an <a download> click.
import { byId, setText } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';
import { describeError } from '../ui/error-message.ts';
import { send } from '../ui/messaging.ts';
import { settingsStore } from '../ui/settings.ts';

export function download(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the download reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function mountExport(): void {
  const status = byId('export-status');
  for (const format of ['json', 'csv'] as const) {
    const button = byId<HTMLButtonElement>(`export-${format}`);
    button.addEventListener('click', () => {
      button.disabled = true;
      setText(status, t('exporting'));
      // Categories are settings, which the page holds: the worker writes them into the file.
      settingsStore.load()
        .then(({ categories }) => send({ type: 'export', format, ...(format === 'json' ? { categories } : {}) }))
        .then((file) => {
          download(file.filename, file.mime, file.text);
          status.dataset.filename = file.filename;
          setText(status, t('exported', file.filename));
        })
        .catch((e: unknown) => setText(status, describeError(e, (text) => t('errorExport', text))))
        .finally(() => {
          button.disabled = false;
        });
    });
  }
}
