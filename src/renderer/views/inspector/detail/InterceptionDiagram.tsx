/**
 * Client ⇄ NetLab ⇄ server as an SVG sequence diagram: two separate TLS handshakes, each with its
 * own key exchange, drawn with this exchange's real SNI, versions, ciphers, ALPN and certificates.
 */
import { useTranslation } from 'react-i18next';
import type { DiagramLeg, DiagramModel } from './diagram-legs';

const WIDTH = 780;
const HEIGHT = 370;
const X = { client: 80, proxy: 390, server: 700 } as const;
/** y of: ClientHello, ServerHello+Certificate, key exchange, encrypted data. */
const ROWS = [92, 146, 214, 264] as const;
const LIFELINE_END = 290;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "CN=NetLab CA (host), O=NetLab" → "NetLab CA (host)": the name a learner recognises. */
function commonNameOf(dn: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1] ?? dn;
}

interface ArrowProps {
  from: number;
  to: number;
  y: number;
  label: string;
  subs?: string[];
  cls: string;
  both?: boolean;
}

function Arrow({ from, to, y, label, subs = [], cls, both = false }: ArrowProps) {
  const mid = (from + to) / 2;
  const dir = to > from ? 1 : -1;
  return (
    <g className={cls}>
      <line
        x1={from + dir * (both ? 8 : 4)}
        y1={y}
        x2={to - dir * 8}
        y2={y}
        markerStart={both ? 'url(#insp-arrow-back)' : undefined}
        markerEnd="url(#insp-arrow)"
        strokeDasharray={both ? '5 3' : undefined}
      />
      <text x={mid} y={y - 7} textAnchor="middle">
        {label}
      </text>
      {subs.map((sub, i) => (
        <text key={i} x={mid} y={y + 16 + i * 15} textAnchor="middle" className="sub">
          {sub}
        </text>
      ))}
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
  const cls = leg.outcome === 'failed' ? 'failed' : leg.outcome === 'not-reached' ? 'missing' : 'ok';
  const noData = leg.outcome === 'not-reached' || leg.outcome === 'handshake-only';
  const cert = leg.certificate;
  const certName = cert
    ? cut(t('diagram.certName', { cert: cert.commonName ?? cert.subject }), 40)
    : t('diagram.unknownCert');
  const issuer = !cert
    ? ''
    : cert.selfSigned
      ? t('diagram.selfSigned')
      : cut(t('diagram.issuedBy', { issuer: commonNameOf(cert.issuer) }), 40);
  const middle = (left + right) / 2;
  return (
    <g
      className={`insp-dg-leg ${cls}`}
      data-testid={isClientLeg ? 'diagram-client-leg' : 'diagram-server-leg'}
    >
      <text x={middle} y={56} textAnchor="middle" className="leg-title">
        {isClientLeg ? t('diagram.session1') : t('diagram.session2')}
      </text>
      <Arrow
        from={left}
        to={right}
        y={ROWS[0]}
        cls={cls}
        label={t('diagram.clientHello')}
        subs={[t('diagram.sni', { sni: leg.sni ?? t('diagram.noSni') })]}
      />
      <Arrow
        from={right}
        to={left}
        y={ROWS[1]}
        cls={cls}
        label={t('diagram.serverHello')}
        subs={[certName, issuer]}
      />
      <Arrow
        from={left}
        to={right}
        y={ROWS[2]}
        cls={cls}
        both
        label={t(`diagram.kex.${leg.keyExchange}`)}
        subs={[t('diagram.ownKeys')]}
      />
      {leg.outcome === 'failed' ? (
        <text x={middle} y={ROWS[3]} textAnchor="middle" className="fail-label">
          ✕ {isClientLeg ? t('diagram.clientRefused') : t('diagram.upstreamFailed')}
        </text>
      ) : noData ? (
        <text x={middle} y={ROWS[3]} textAnchor="middle" className="sub">
          {leg.outcome === 'handshake-only' ? t('diagram.handshakeOnly') : t('diagram.notReached')}
        </text>
      ) : (
        <Arrow
          from={left}
          to={right}
          y={ROWS[3]}
          cls={`${cls} data`}
          label={t('diagram.encrypted', { version: leg.version ?? t('diagram.unknown') })}
          subs={[cut([leg.cipher, leg.alpn].filter(Boolean).join(' · '), 44)]}
        />
      )}
    </g>
  );
}

function ArrowMarker({ id, back }: { id: string; back: boolean }) {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX={back ? 1 : 9}
      refY="5"
      markerWidth="9"
      markerHeight="9"
      markerUnits="userSpaceOnUse"
      orient="auto"
    >
      <path d={back ? 'M10,0 L0,5 L10,10 z' : 'M0,0 L10,5 L0,10 z'} className="insp-dg-head" />
    </marker>
  );
}

export function InterceptionDiagram({ model }: { model: DiagramModel }) {
  const { t } = useTranslation('inspector');
  const notes = LIFELINE_END + 22;
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
        <ArrowMarker id="insp-arrow" back={false} />
        <ArrowMarker id="insp-arrow-back" back />
      </defs>
      {(['client', 'proxy', 'server'] as const).map((who) => (
        <g key={who} className="insp-dg-actor">
          <rect x={X[who] - 74} y={8} width={148} height={30} rx={6} />
          <text x={X[who]} y={28} textAnchor="middle">
            {who === 'server' ? cut(model.host, 18) : t(`diagram.${who}`)}
          </text>
          <line x1={X[who]} y1={38} x2={X[who]} y2={LIFELINE_END} className="lifeline" />
        </g>
      ))}
      <Leg leg={model.client} left={X.client} right={X.proxy} isClientLeg />
      <Leg leg={model.server} left={X.proxy} right={X.server} isClientLeg={false} />
      <g className="sub-notes">
        <text x={6} y={notes} className="sub">
          {t('diagram.clientTrusts1')}
        </text>
        <text x={6} y={notes + 16} className="sub">
          {t('diagram.clientTrusts2')}
        </text>
        <text x={X.proxy} y={notes} textAnchor="middle" className="sub">
          {t('diagram.proxyRelays1')}
        </text>
        <text x={X.proxy} y={notes + 16} textAnchor="middle" className="sub">
          {t('diagram.proxyRelays2')}
        </text>
        <text x={WIDTH - 6} y={notes} textAnchor="end" className="sub">
          {t('diagram.serverSees1')}
        </text>
        <text x={WIDTH - 6} y={notes + 16} textAnchor="end" className="sub">
          {t('diagram.serverSees2')}
        </text>
      </g>
      <text x={WIDTH / 2} y={HEIGHT - 10} textAnchor="middle" className="note">
        {t('diagram.noKeyCrosses')}
      </text>
    </svg>
  );
}
