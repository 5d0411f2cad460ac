// Issue 12: an older Dwell opening a newer database. Wherever the refusal surfaces (the popup's
// own read, any command the options page sends to a worker that could not start), the page says
// what happened in words, not the raw NewerDatabaseError text behind its "could not …".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NewerDatabaseError } from '../../src/db/open.ts';
import { CommandError } from '../../src/ui/messaging.ts';
import { knownErrorKey } from '../../src/ui/error-message.ts';

const messages = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('the message a page shows for an error', () => {
  const newer = new NewerDatabaseError(9);

  it.each([
    ['the error itself (the popup reads the database directly)', newer],
    ['its text from the worker (every command is answered with String(err))', new CommandError(String(newer))],
  ])('a newer database gets its own message: %s', (_how, err) => {
    const key = knownErrorKey(err);
    expect(key).toBe('errorNewerDatabase');
    const text = messages[key!]?.message ?? '';
    // What happened, that nothing changed, what to do.
    expect(text).toMatch(/older version of Dwell/);
    expect(text).toMatch(/newer version/);
    expect(text).toMatch(/Nothing was changed/);
    expect(text).toMatch(/update Dwell/i);
  });

  it.each([
    ['a failed command', new CommandError('no answer to query')],
    ['a blocked open', new DOMException('blocked', 'AbortError')],
    ['a thrown string', 'quota exceeded'],
  ])('any other error keeps the page\'s own message with its text: %s', (_what, err) => {
    expect(knownErrorKey(err)).toBeNull();
  });
});
