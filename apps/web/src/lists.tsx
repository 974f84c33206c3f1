import { useCallback, useEffect, useRef, useState } from 'react';
import { get, type Answer, type ItemOf, type Params, type RouteOf } from './api';
import { urlOf, type ParamArgs } from './api-routes';
import type { Session } from './auth';
import { ErrorMessage, Loading } from './components';
import { useT } from './i18n';

export type CursorPage<T> = Readonly<{ items: T[]; nextCursor: string | null }>;

/** The routes that answer a page at a time (D54): a cursor and a limit in their query, items and nextCursor in their answer. */
export type PagedRoute = { [R in RouteOf<'get'>]: Answer<R> extends CursorPage<unknown> ? (Params<R, 'get'> extends { cursor?: string; limit?: number } ? R : never) : never }[RouteOf<'get'>];

/** One page of `route`: the caller's parameters with the cursor and limit of this page (`extra`). */
const pageOf = <R extends PagedRoute,>(session: Session, route: R, params: Params<R, 'get'>, extra: { cursor?: string; limit?: number }) =>
  get(session, route, ...([{ ...params, ...extra }] as ParamArgs<R, 'get'>)) as unknown as Promise<CursorPage<ItemOf<R>>>;

/**
 * A list the API serves a page at a time (cursor pagination, D54): the first page, then "more"
 * appends the next one. `params` holds the query without the cursor; new params start over; null: nothing asked yet.
 */
export const useCursorList = <R extends PagedRoute,>(session: Session, route: R, params: Params<R, 'get'> | null) => {
  type T = ItemOf<R>;
  // The list is the URL it starts from: a new one (other params) starts over.
  const path = params === null ? null : urlOf('get', route, ...([params] as ParamArgs<R, 'get'>));
  const [state, setState] = useState<{ items: T[]; next: string | null; loading: boolean; error?: unknown }>({ items: [], next: null, loading: path !== null });
  const current = useRef(path);
  const load = useCallback(
    (cursor: string | null) => {
      if (params === null) return;
      setState((s) => ({ ...s, loading: true, error: undefined }));
      pageOf(session, route, params, cursor ? { cursor } : {}).then(
        (page) => {
          if (current.current !== path) return;
          setState((s) => ({ items: cursor ? [...s.items, ...page.items] : page.items, next: page.nextCursor, loading: false }));
        },
        (error) => setState((s) => ({ ...s, loading: false, error })),
      );
    },
    // `path` is `route` and `params` as one value: the same path, the same request.
    [path, session],
  );
  useEffect(() => {
    current.current = path;
    setState({ items: [], next: null, loading: path !== null });
    load(null);
  }, [path, load]);
  return { ...state, more: () => load(state.next), reload: () => load(null) };
};

/**
 * Every page of a paged list, for a page that needs the whole set (a timeline's slider, a queue
 * counted over all findings, the catalogue a form checks against): follows nextCursor to the end,
 * 100 at a time. What the first page carries beside its items (the catalogue's vocabulary) is kept.
 */
export const allPages = async <R extends PagedRoute,>(session: Session, route: R, ...[params]: ParamArgs<R, 'get'>): Promise<Answer<R>> => {
  const asked = (params ?? {}) as Params<R, 'get'>;
  const first = await pageOf(session, route, asked, { limit: 100 });
  const items = [...first.items];
  for (let next = first.nextCursor; next; ) {
    const page = await pageOf(session, route, asked, { limit: 100, cursor: next });
    items.push(...page.items);
    next = page.nextCursor;
  }
  return { ...first, items, nextCursor: null } as unknown as Answer<R>;
};

/** Under a list: loading, a refusal, or the button for the next page. */
export const ListFooter = ({ list, label }: { list: { loading: boolean; error?: unknown; next: string | null; more: () => void }; label: string }) => {
  const t = useT();
  return (
    <>
      {list.error ? <ErrorMessage error={list.error} /> : null}
      {list.loading ? <Loading /> : null}
      {list.next && !list.loading ? (
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={list.more}>
          {label || t('more')}
        </button>
      ) : null}
    </>
  );
};
