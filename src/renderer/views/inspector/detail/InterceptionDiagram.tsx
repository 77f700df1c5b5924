/**
 * Client ⇄ NetLab ⇄ server as an SVG sequence diagram: two separate TLS handshakes, each with its
 * own key exchange, drawn with this exchange's real SNI, versions, ciphers, ALPN and certificates.
 */
import { useTranslation } from 'react-i18next';
import type { DiagramLeg, DiagramModel } from './diagram-legs';

const WIDTH = 780;
const HEIGHT = 330;
const X = { client: 80, proxy: 390, server: 700 } as const;
const ROWS = [86, 130, 174, 218] as const;

function cut(text: string, max = 44): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "CN=NetLab CA (host), O=NetLab" → "NetLab CA (host)": the name a learner recognises. */
function commonNameOf(dn: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1] ?? dn;
}

function Arrow({
  from,
  to,
  y,
  label,
  sub,
  cls,
}: {
  from: number;
  to: number;
  y: number;
  label: string;
  sub?: string;
  cls: string;
}) {
  const mid = (from + to) / 2;
  const dir = to > from ? 1 : -1;
  return (
    <g className={cls}>
      <line x1={from + dir * 4} y1={y} x2={to - dir * 8} y2={y} markerEnd="url(#insp-arrow)" />
      <text x={mid} y={y - 6} textAnchor="middle">
        {label}
      </text>
      {sub && (
        <text x={mid} y={y + 14} textAnchor="middle" className="sub">
          {sub}
        </text>
      )}
    </g>
  );
}

function Leg({
  leg,
  left,
  right,
  isClientLeg,
}: {
  leg: DiagramLeg;
  left: number;
  right: number;
  isClientLeg: boolean;
}) {
  const { t } = useTranslation('inspector');
  const failed = leg.outcome === 'failed';
  const missing = leg.outcome === 'not-reached';
  const cls = failed ? 'failed' : missing ? 'missing' : 'ok';
  const cert = leg.certificate;
  const certLabel = cert ? cut(`${cert.commonName ?? cert.subject}`, 30) : t('diagram.unknownCert');
  const issuer = !cert
    ? ''
    : cert.selfSigned
      ? t('diagram.selfSigned')
      : cut(t('diagram.issuedBy', { issuer: commonNameOf(cert.issuer) }), 44);
  const version = leg.version ?? t('diagram.unknown');
  return (
    <g
      className={`insp-dg-leg ${cls}`}
      data-testid={isClientLeg ? 'diagram-client-leg' : 'diagram-server-leg'}
    >
      <text x={(left + right) / 2} y={52} textAnchor="middle" className="leg-title">
        {isClientLeg ? t('diagram.session1') : t('diagram.session2')}
      </text>
      <Arrow
        from={left}
        to={right}
        y={ROWS[0]}
        cls={cls}
        label={t('diagram.clientHello')}
        sub={t('diagram.sni', { sni: leg.sni ?? t('diagram.noSni') })}
      />
      <Arrow
        from={right}
        to={left}
        y={ROWS[1]}
        cls={cls}
        label={t('diagram.serverHello', { cert: certLabel })}
        sub={issuer}
      />
      <g className={cls}>
        <line
          x1={left + 8}
          y1={ROWS[2]}
          x2={right - 8}
          y2={ROWS[2]}
          markerStart="url(#insp-arrow-back)"
          markerEnd="url(#insp-arrow)"
          strokeDasharray="5 3"
        />
        <text x={(left + right) / 2} y={ROWS[2] - 6} textAnchor="middle">
          {t(`diagram.kex.${leg.keyExchange}`)}
        </text>
        <text x={(left + right) / 2} y={ROWS[2] + 14} textAnchor="middle" className="sub">
          {t('diagram.ownKeys')}
        </text>
      </g>
      {failed ? (
        <text x={(left + right) / 2} y={ROWS[3]} textAnchor="middle" className="fail-label">
          ✕ {isClientLeg ? t('diagram.clientRefused') : t('diagram.upstreamFailed')}
        </text>
      ) : missing ? (
        <text x={(left + right) / 2} y={ROWS[3]} textAnchor="middle" className="sub">
          {t('diagram.notReached')}
        </text>
      ) : (
        <Arrow
          from={left}
          to={right}
          y={ROWS[3]}
          cls={`${cls} data`}
          label={t('diagram.encrypted', { version })}
          sub={cut([leg.cipher, leg.alpn].filter(Boolean).join(' · '), 46)}
        />
      )}
    </g>
  );
}

export function InterceptionDiagram({ model }: { model: DiagramModel }) {
  const { t } = useTranslation('inspector');
  return (
    <svg
      className="insp-diagram"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby="insp-dg-title"
      data-testid="interception-diagram"
    >
      <title id="insp-dg-title">{t('diagram.title', { host: model.host })}</title>
      <defs>
        <marker
          id="insp-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" className="insp-dg-head" />
        </marker>
        <marker
          id="insp-arrow-back"
          viewBox="0 0 10 10"
          refX="1"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M10,0 L0,5 L10,10 z" className="insp-dg-head" />
        </marker>
      </defs>
      {(['client', 'proxy', 'server'] as const).map((who) => (
        <g key={who} className="insp-dg-actor">
          <rect x={X[who] - 70} y={8} width={140} height={28} rx={6} />
          <text x={X[who]} y={27} textAnchor="middle">
            {who === 'server' ? cut(model.host, 20) : t(`diagram.${who}`)}
          </text>
          <line x1={X[who]} y1={36} x2={X[who]} y2={250} className="lifeline" />
        </g>
      ))}
      <Leg leg={model.client} left={X.client} right={X.proxy} isClientLeg />
      <Leg leg={model.server} left={X.proxy} right={X.server} isClientLeg={false} />
      <text x={X.client} y={272} textAnchor="middle" className="sub">
        {t('diagram.clientTrusts1')}
      </text>
      <text x={X.client} y={288} textAnchor="middle" className="sub">
        {t('diagram.clientTrusts2')}
      </text>
      <text x={X.proxy} y={272} textAnchor="middle" className="sub">
        {t('diagram.proxyRelays1')}
      </text>
      <text x={X.proxy} y={288} textAnchor="middle" className="sub">
        {t('diagram.proxyRelays2')}
      </text>
      <text x={X.server} y={272} textAnchor="middle" className="sub">
        {t('diagram.serverSees1')}
      </text>
      <text x={X.server} y={288} textAnchor="middle" className="sub">
        {t('diagram.serverSees2')}
      </text>
      <text x={WIDTH / 2} y={318} textAnchor="middle" className="note">
        {t('diagram.noKeyCrosses')}
      </text>
    </svg>
  );
}
