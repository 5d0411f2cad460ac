// The worker's typed command API (src/core/api.ts) over chrome.runtime.sendMessage.
import type { Command, Response, ResultOf } from '../core/api.ts';

export class CommandError extends Error {}

/** Send one command; resolves with its result, rejects with the worker's error message. */
export async function send<C extends Command>(cmd: C): Promise<ResultOf<C>> {
  const res = await chrome.runtime.sendMessage<C, Response<ResultOf<C>> | undefined>(cmd);
  // undefined: no listener answered (worker failed to start); say so rather than crash on .ok.
  if (!res) throw new CommandError(`no answer to ${cmd.type}`);
  if (!res.ok) throw new CommandError(res.error);
  return res.result;
}

/** A message for the user from anything thrown. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
