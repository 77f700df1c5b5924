/**
 * The selected exchange in tabs: headers, bodies, timing, TLS with both certificates, and how the
 * interception worked. Fetches the detail (with bodies) when the selection or its state changes.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeDetail, ExchangeSummary, ExchangeWithBodies } from '../../../../shared/model/proxy';
import { useApi } from '../../../api/api-context';
import { BodyView } from './BodyView';
import { diagramFromExchange } from './diagram-legs';
import { HeadersView } from './HeadersView';
import { InterceptionExplained } from './InterceptionExplained';
import { TimingWaterfall } from './TimingWaterfall';
import { TlsDetails } from './TlsDetails';
import { WebSocketMessages } from './WebSocketMessages';

const TABS = ['headers', 'response', 'request', 'websocket', 'timing', 'tls', 'how'] as const;
type Tab = (typeof TABS)[number];
const FETCH_DELAY_MS = 60;

function CopyCurl({ id }: { id: number }) {
  const { t } = useTranslation('inspector');
  const api = useApi();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      const { command } = await api.invoke('proxy.curl', { id });
      await navigator.clipboard.writeText(command);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button type="button" onClick={copy} data-testid="copy-curl">
      {state === 'copied'
        ? t('detail.curlCopied')
        : state === 'failed'
          ? t('detail.curlFailed')
          : t('detail.copyCurl')}
    </button>
  );
}

/** The diagram when there were TLS sessions to draw; otherwise why there is nothing to draw. */
function HowTab({ exchange }: { exchange: ExchangeDetail }) {
  const { t } = useTranslation('inspector');
  if (exchange.clientTls || exchange.serverTls)
    return <InterceptionExplained model={diagramFromExchange(exchange)} />;
  const reason =
    exchange.source === 'har-import' ? 'how.fromHar' : exchange.intercepted ? 'how.noTls' : 'how.plainHttp';
  return (
    <p className="insp-muted" data-testid="how-unavailable">
      {t(reason)}
    </p>
  );
}

export function ExchangeDetailPane({ summary }: { summary: ExchangeSummary }) {
  const { t } = useTranslation('inspector');
  const { t: tp } = useTranslation('proxy');
  const api = useApi();
  const [chosenTab, setTab] = useState<Tab>('headers');
  const [data, setData] = useState<ExchangeWithBodies | null>(null);
  const [error, setError] = useState<string | null>(null);
  const version = `${summary.id}:${summary.state}:${summary.statusCode}:${summary.responseBodySize}:${summary.websocketMessageCount}`;
  const tabs = TABS.filter((id) => id !== 'websocket' || summary.kind === 'websocket');
  // The chosen tab stays while moving through the list, unless this exchange does not have it.
  const tab = tabs.includes(chosenTab) ? chosenTab : 'headers';

  useEffect(() => {
    let alive = true;
    // A short pause so holding an arrow key through the list does not fetch every body on the way.
    const timer = setTimeout(() => {
      api.invoke('proxy.exchange', { id: summary.id }).then(
        (d) => {
          if (!alive) return;
          setData(d);
          setError(null);
        },
        (e: Error) => alive && setError(e.message),
      );
    }, FETCH_DELAY_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // `version` changes exactly when the detail is worth fetching again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, version]);

  const detail = data?.exchange.id === summary.id ? data : null;
  return (
    <section className="insp-detail" data-testid="exchange-detail" aria-label={t('detail.label')}>
      <header className="insp-detail-head">
        <span className="mono insp-url" title={summary.url} data-testid="detail-url">
          {summary.method} {summary.url}
        </span>
        <CopyCurl id={summary.id} />
      </header>
      {summary.error && (
        <p className="banner-error" data-testid="detail-error">
          {tp(`errors.${summary.error.kind}`)} <span className="mono">{summary.error.message}</span>
        </p>
      )}
      <div className="insp-tabs" role="tablist" aria-label={t('detail.label')}>
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : ''}
            onClick={() => setTab(id)}
            data-testid={`detail-tab-${id}`}
          >
            {t(`detail.tab.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="insp-tabpanel">
        {error && <p className="banner-error">{t('detail.loadFailed', { message: error })}</p>}
        {!detail && !error && <p className="insp-muted">{t('detail.loading')}</p>}
        {detail && tab === 'headers' && <HeadersView exchange={detail.exchange} />}
        {detail && tab === 'request' && (
          <BodyView
            info={detail.exchange.request.body}
            raw={detail.bodies.requestRaw}
            decoded={detail.bodies.requestDecoded}
            decodeState={detail.bodies.requestDecodeState}
            testId="request-body"
          />
        )}
        {detail &&
          tab === 'response' &&
          (detail.exchange.response ? (
            <BodyView
              info={detail.exchange.response.body}
              raw={detail.bodies.responseRaw}
              decoded={detail.bodies.responseDecoded}
              decodeState={detail.bodies.responseDecodeState}
              testId="response-body"
            />
          ) : (
            <p className="insp-muted">{t('detail.noResponse')}</p>
          ))}
        {detail && tab === 'websocket' && <WebSocketMessages messages={detail.exchange.websocketMessages} />}
        {detail && tab === 'timing' && <TimingWaterfall timings={detail.exchange.timings} />}
        {detail && tab === 'tls' && <TlsDetails exchange={detail.exchange} />}
        {detail && tab === 'how' && <HowTab exchange={detail.exchange} />}
      </div>
    </section>
  );
}
