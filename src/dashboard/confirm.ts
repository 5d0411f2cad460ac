// The dashboard's one irreversible action (delete a site) behind a modal <dialog>. Resolves true
// only on the explicit confirm button; Escape, Cancel or closing the dialog mean no.
import { byId, setText } from '../ui/dom.ts';

export function confirmAction(text: string): Promise<boolean> {
  const dialog = byId<HTMLDialogElement>('confirm-dialog');
  const ok = byId<HTMLButtonElement>('confirm-ok');
  const cancel = byId<HTMLButtonElement>('confirm-cancel');
  setText(byId('confirm-text'), text);
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
