import { useEffect, useRef, useState } from 'react';
import { Alert, ErrorMessage, Heading, Link, navigate, Paragraph } from './components';
import { CALLBACK_PATH, finishSignIn, loadSession, signInSettings, signOut, signOutEverywhere, startSignIn, type Session } from './auth';
import { LangContext, translate, useT, type Lang, type TextKey } from './i18n';
import { FarmsPage } from './pages/farms';
import { FarmPage } from './pages/farm';
import { FarmYearPage } from './pages/farm-year';
import { WorkQueuePage } from './pages/work-queue';
import { PayerPage } from './pages/payer';
import { NormSetsPage } from './pages/norm-sets';
import { NormSetPage } from './pages/norm-set';
import { RegulatorPage } from './pages/regulator';
import { TimelinePage } from './pages/timeline';
import { AnalystPage } from './pages/analyst';
import { WhatIfScenarioPage } from './pages/what-if-scenario';
import { WhatIfComparisonPage, WhatIfReportPage } from './pages/what-if-report';

const usePath = () => {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return path;
};

const SignInPage = ({ onError }: { onError: (e: unknown) => void }) => {
  const t = useT();
  const [issuer, setIssuer] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    signInSettings().then((s) => setIssuer(s.issuer), onError);
  }, [onError]);
  return (
    <>
      <Heading level={1}>{t('signInTitle')}</Heading>
      <Paragraph lead>{t('signInIntro')}</Paragraph>
      {issuer === null ? (
        <Alert type="warning">{t('noProvider')}</Alert>
      ) : (
        <button
          type="button"
          className="utrecht-button utrecht-button--primary-action"
          disabled={issuer === undefined}
          onClick={() => signInSettings().then((s) => startSignIn(s, location.pathname === CALLBACK_PATH ? '/' : location.pathname + location.search), onError)}
        >
          {t('signIn')}
        </button>
      )}
    </>
  );
};

const CallbackPage = ({ onSession }: { onSession: (s: Session) => void }) => {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    signInSettings()
      .then(finishSignIn)
      .then(({ session, returnTo }) => {
        onSession(session);
        history.replaceState(null, '', returnTo);
        dispatchEvent(new PopStateEvent('popstate'));
      }, setError);
  }, [onSession]);
  return (
    <>
      <Heading level={1}>{error ? t('signInFailed') : t('signingIn')}</Heading>
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
};

const RoleHome = ({ session }: { session: Session }) => {
  const t = useT();
  switch (session.role) {
    case 'farmer':
    case 'data_source':
      return <FarmsPage session={session} />;
    case 'regulator':
      return <RegulatorPage session={session} />;
    case 'calculator':
      return <WorkQueuePage session={session} />;
    case 'payer':
      return <PayerPage session={session} />;
    case 'norm_authority':
      return <NormSetsPage session={session} />;
    case 'policy_analyst':
      return <AnalystPage session={session} />;
    default:
      return (
        <>
          <Heading level={1}>{t('notBuiltTitle')}</Heading>
          <Paragraph>
            {t('signedInAs')} {session.name} ({t(`role_${session.role}` as TextKey)}).
          </Paragraph>
          <Alert type="info">{t('notBuilt')}</Alert>
        </>
      );
  }
};

const Page = ({ path, session, onSession }: { path: string; session: Session | null; onSession: (s: Session) => void }) => {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  if (path === CALLBACK_PATH) return <CallbackPage onSession={onSession} />;
  if (!session) return error ? <ErrorMessage error={error} /> : <SignInPage onError={setError} />;
  if (path === '/') return <RoleHome session={session} />;
  if (path === '/werkvoorraad') return <WorkQueuePage session={session} />;
  if (path === '/toezicht') return <RegulatorPage session={session} />;
  if (path === '/betalingen') return <PayerPage session={session} />;
  if (path === '/normensets') return <NormSetsPage session={session} />;
  if (path === '/analyse') return <AnalystPage session={session} />;
  if (path === '/analyse/vergelijking') {
    const query = new URLSearchParams(location.search);
    return <WhatIfComparisonPage session={session} a={query.get('a') ?? ''} b={query.get('b')} />;
  }
  const scenario = /^\/analyse\/scenarios\/(sc-[0-9a-f]{20})$/.exec(path);
  if (scenario) return <WhatIfScenarioPage session={session} scenarioId={scenario[1]!} />;
  const report = /^\/analyse\/rapporten\/(run-[0-9a-f]{24})$/.exec(path);
  if (report) return <WhatIfReportPage session={session} runId={report[1]!} />;
  const timeline = /^\/toezicht\/bedrijven\/([a-z0-9-]+)$/.exec(path);
  if (timeline) return <TimelinePage session={session} farmId={timeline[1]!} />;
  const normSet = /^\/normensets\/([a-z0-9-]+)$/.exec(path);
  if (normSet) return <NormSetPage session={session} normSetId={normSet[1]!} />;
  const farmYear = /^\/bedrijven\/([a-z0-9-]+)\/jaren\/(\d{4})$/.exec(path);
  if (farmYear) return <FarmYearPage session={session} farmId={farmYear[1]!} year={Number(farmYear[2])} />;
  const farm = /^\/bedrijven\/([a-z0-9-]+)$/.exec(path);
  if (farm) return <FarmPage session={session} farmId={farm[1]!} />;
  if (path === '/bedrijven') return <FarmsPage session={session} />;
  return (
    <>
      <Heading level={1}>{t('notFound')}</Heading>
      <Paragraph>
        <Link to="/">{t('home')}</Link>
      </Paragraph>
    </>
  );
};

export const App = () => {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('asb.lang') === 'en' ? 'en' : 'nl'));
  const [session, setSession] = useState<Session | null>(loadSession);
  const path = usePath();
  const main = useRef<HTMLElement>(null);
  const setLang = (next: Lang) => {
    localStorage.setItem('asb.lang', next);
    setLangState(next);
  };
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  // After a navigation the page's heading takes the focus, so a screen reader announces the new page.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => main.current?.querySelector<HTMLElement>('h1')?.focus(), 50);
    return () => clearTimeout(timer);
  }, [path]);
  useEffect(() => {
    const expired = () => {
      signOut();
      setSession(null);
    };
    addEventListener('asb:unauthenticated', expired);
    return () => removeEventListener('asb:unauthenticated', expired);
  }, []);
  const t = (key: TextKey) => translate(lang, key);
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  return (
    <LangContext.Provider value={{ lang, setLang }}>
      <a className="asb-skip-link utrecht-link" href="#inhoud">
        {t('skipToContent')}
      </a>
      <header className="asb-header">
        <div className="asb-header__inner">
          <div>
            <Link to="/" className="asb-brand">
              {t('appName')}
            </Link>
            <p className="asb-tagline">{t('appTagline')}</p>
          </div>
          <nav aria-label={t('mainNav')} className="asb-nav">
            {session ? (
              <span className="asb-user">
                {t('signedInAs')} <strong>{session.name}</strong> ({t(`role_${session.role}` as TextKey)})
              </span>
            ) : null}
            <button type="button" className="utrecht-button utrecht-button--subtle" lang={other} aria-label={t('switchLanguageLabel')} onClick={() => setLang(other)}>
              {t('switchLanguage')}
            </button>
            {session ? (
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                onClick={() => {
                  if (signOutEverywhere(session)) return;
                  setSession(null);
                  navigate('/');
                }}
              >
                {t('signOut')}
              </button>
            ) : null}
          </nav>
        </div>
      </header>
      <main id="inhoud" ref={main} className="asb-main" tabIndex={-1}>
        <Page path={path} session={session} onSession={setSession} />
      </main>
      <footer className="asb-footer">
        <p className="utrecht-paragraph">
          {t('appName')} · <a className="utrecht-link" href="/docs">OpenAPI</a>
        </p>
      </footer>
    </LangContext.Provider>
  );
};
