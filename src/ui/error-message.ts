// What a page says when a read or a command failed. Most failures show the page's own "could not
// …" with the error's text; a few have a message of their own, shown whatever the page was doing:
// a database written by a newer Dwell answers every command with the same refusal, whose raw text
// names an exception class, and a person needs to hear what happened and what to do instead.
import { isNewerDatabaseError } from '../db/open.ts';
import { t } from './i18n.ts';
import { errorText } from './messaging.ts';

export type KnownErrorKey = 'errorNewerDatabase';

/** The message key of an error that has its own message, or null. */
export function knownErrorKey(e: unknown): KnownErrorKey | null {
  return isNewerDatabaseError(e) ? 'errorNewerDatabase' : null;
}

/** The text to show: the error's own message, or `generic` given the error's text. */
export function describeError(e: unknown, generic: (text: string) => string): string {
  const key = knownErrorKey(e);
  return key ? t(key) : generic(errorText(e));
}
