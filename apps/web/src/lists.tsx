import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';
import type { Session } from './auth';
import { ErrorMessage, Loading } from './components';
import { useT } from './i18n';

export type CursorPage<T> = Readonly<{ items: T[]; nextCursor: string | null }>;

/**
 * A list the API serves a page at a time (cursor pagination, D54): the first page, then "more"
 * appends the next one. `path` holds the query without the cursor; a new path starts over.
 */
export const useCursorList = <T,>(session: Session, path: string | null) => {
  const [state, setState] = useState<{ items: T[]; next: string | null; loading: boolean; error?: unknown }>({ items: [], next: null, loading: path !== null });
  const current = useRef(path);
  const load = useCallback(
    (cursor: string | null) => {
      if (path === null) return;
      setState((s) => ({ ...s, loading: true, error: undefined }));
      const separator = path.includes('?') ? '&' : '?';
      api<CursorPage<T>>(session, 'GET', cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path).then(
        (page) => {
          if (current.current !== path) return;
          setState((s) => ({ items: cursor ? [...s.items, ...page.items] : page.items, next: page.nextCursor, loading: false }));
        },
        (error) => setState((s) => ({ ...s, loading: false, error })),
      );
    },
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
export const allPages = async <P extends CursorPage<unknown>>(session: Session, path: string): Promise<P> => {
  const separator = path.includes('?') ? '&' : '?';
  const first = await api<P>(session, 'GET', `${path}${separator}limit=100`);
  const items = [...first.items];
  for (let next = first.nextCursor; next; ) {
    const page = await api<P>(session, 'GET', `${path}${separator}limit=100&cursor=${encodeURIComponent(next)}`);
    items.push(...page.items);
    next = page.nextCursor;
  }
  return { ...first, items, nextCursor: null };
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
