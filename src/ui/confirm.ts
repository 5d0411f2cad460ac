// One modal <dialog> for every irreversible action (options: deletes, import "replace"; dashboard:
// delete a site); the page holds the #confirm-dialog markup. Resolves true only
// on the explicit confirm button; Escape, Cancel or closing the dialog mean no.
import { byId, setText } from './dom.ts';

export function confirmAction(text: string, okLabel?: string): Promise<boolean> {
  const dialog = byId<HTMLDialogElement>('confirm-dialog');
  const ok = byId<HTMLButtonElement>('confirm-ok');
  const cancel = byId<HTMLButtonElement>('confirm-cancel');
  setText(byId('confirm-text'), text);
  if (okLabel !== undefined) setText(ok, okLabel);
  return new Promise((resolve) => {
    const done = (answer: boolean): void => {
      ok.removeEventListener('click', yes);
      cancel.removeEventListener('click', no);
      dialog.removeEventListener('close', no);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const yes = (): void => done(true);
    const no = (): void => done(false);
    ok.addEventListener('click', yes);
    cancel.addEventListener('click', no);
    dialog.addEventListener('close', no);
    dialog.showModal();
    cancel.focus(); // the safe choice has focus
  });
}
