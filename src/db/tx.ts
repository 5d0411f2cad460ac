// Transactions, typed by the stores they were opened over. A helper names the stores it needs
// (`Tx<S, M> & Needs<S, 'meta'>`), so passing it a transaction its caller opened without them
// fails to compile instead of failing at run time with NotFoundError.
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { DwellDB, StoreName } from './schema.ts';

/** A transaction over the stores S (an array of store names), in mode M. */
export type Tx<S extends StoreName[], M extends IDBTransactionMode = IDBTransactionMode> = IDBPTransaction<DwellDB, S, M>;

/** Satisfied when every store in N is among the transaction's stores S. */
export type Needs<S extends StoreName[], N extends StoreName> = [N] extends [S[number]] ? unknown : { missingStores: Exclude<N, S[number]> };

/** Opens a transaction whose type carries its store list. */
export function txOf<const S extends StoreName[], M extends IDBTransactionMode>(db: IDBPDatabase<DwellDB>, stores: S, mode: M): Tx<S, M> {
  return db.transaction(stores, mode);
}

/** For requests issued inside a transaction without awaiting them: the transaction's `done`
 *  reports a failure, so the request's own rejection needs no second (unhandled) report. */
export function quiet(request: Promise<unknown>): void {
  request.catch(() => undefined);
}

/** Inside a helper whose signature checked its stores: the transaction with its store list
 *  widened, so the helper can open those stores and hand the transaction on to smaller helpers. */
export const inside = <S extends StoreName[], M extends IDBTransactionMode>(tx: Tx<S, M>): Tx<StoreName[], M> => tx as unknown as Tx<StoreName[], M>;
