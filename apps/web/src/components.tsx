import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from './i18n';
import { RefusalText } from './refusal';

/** Client-side navigation: links call this; the browser's back button is honoured. */
export const navigate = (path: string) => {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
};

export const Link = ({ to, children, className }: { to: string; children: ReactNode; className?: string }) => (
  <a
    href={to}
    className={`utrecht-link utrecht-link--html-a ${className ?? ''}`}
    onClick={(e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(to);
    }}
  >
    {children}
  </a>
);

export const Heading = ({ level, children, id }: { level: 1 | 2 | 3 | 4; children: ReactNode; id?: string }) => {
  const Tag = `h${level}` as const;
  const ref = useRef<HTMLHeadingElement>(null);
  // Every page's title names the page (WCAG 2.4.2): its h1, then the application.
  useEffect(() => {
    if (level === 1 && ref.current) document.title = `${ref.current.textContent} · ASB`;
  });
  return (
    <Tag ref={ref} id={id} className={`utrecht-heading-${level}`} tabIndex={level === 1 ? -1 : undefined}>
      {children}
    </Tag>
  );
};

export const Paragraph = ({ children, lead }: { children: ReactNode; lead?: boolean }) => (
  <p className={`utrecht-paragraph${lead ? ' utrecht-paragraph--lead' : ''}`}>{children}</p>
);

export const Alert = ({ type, children }: { type: 'info' | 'ok' | 'warning' | 'error'; children: ReactNode }) => (
  <div className={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
    <div className="utrecht-alert__content">
      <div className="utrecht-alert__message">{children}</div>
    </div>
  </div>
);

export const Loading = () => {
  const t = useT();
  return <Paragraph>{t('loading')}</Paragraph>;
};

/** A failure or refusal in the person's language (RefusalText); `id` lets a refused input point at it. */
export const ErrorMessage = ({ error, id }: { error: unknown; id?: string }) => {
  const t = useT();
  return (
    <Alert type="error">
      <div id={id}>
        <strong>{t('error')}:</strong> <RefusalText error={error} />
      </div>
    </Alert>
  );
};

/** Loads data for a page; `reload` fetches again after a write. */
export const useData = <T,>(load: () => Promise<T>, deps: unknown[]) => {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => setState({ data, loading: false }),
      (error) => setState({ error, loading: false }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload };
};


export type Column = Readonly<{ label: ReactNode; number?: boolean }>;

/** A table with its caption and column headers (NL Design System table); the rows are the children. */
export const DataTable = ({ caption, columns, children }: { caption: ReactNode; columns: readonly Column[]; children: ReactNode }) => (
  <div className="asb-table-wrap">
    <table className="asb-table utrecht-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.number ? 'asb-number' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </div>
);
