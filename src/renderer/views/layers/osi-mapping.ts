/**
 * How a captured packet's TCP/IP layers map onto the OSI seven-layer model, honestly: the
 * physical layer is never in a capture, and sessions and presentation are rarely separate headers
 * on the Internet. TLS does the work of both (a secure session, encrypted representation), HTTP
 * and DNS are application protocols that also handle their own presentation (charset, encoding).
 */
import type { LayerBoundary } from '../../../shared/model/packet';

export type OsiNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type OsiNote =
  /** Layer 1: bits on the wire; the capture starts at layer 2. */
  | 'notCaptured'
  /** No header of its own in this packet; the protocol above (or none) does this job. */
  | 'noSeparateHeader'
  /** Covered by a protocol that spans several OSI layers (TLS over 5 and 6). */
  | 'spanned'
  /** The packet carries nothing at this layer (e.g. a bare TCP SYN has no application data). */
  | 'empty'
  /** The application data is inside TLS: encrypted, readable only with the session keys. */
  | 'encrypted'
  /** A plain application protocol (HTTP, DNS) does this layer's job inside its own message. */
  | 'byApplication';

export interface OsiRow {
  osi: OsiNumber;
  /** The packet's layer boundaries that belong here (one protocol can appear in two rows). */
  boundaries: LayerBoundary[];
  note: OsiNote | null;
}

/** Protocols that provide a session and its encrypted representation (OSI 5 and 6). */
const SESSION_PRESENTATION = new Set(['tls', 'ssl', 'dtls', 'quic']);

export function osiRows(layers: LayerBoundary[]): OsiRow[] {
  const of = (layer: LayerBoundary['layer']) => layers.filter((l) => l.layer === layer);
  const app = of('application');
  const secure = app.filter((l) => SESSION_PRESENTATION.has(l.protocol));
  const plain = app.filter((l) => !SESSION_PRESENTATION.has(l.protocol));
  const row = (osi: OsiNumber, boundaries: LayerBoundary[], fallback: OsiNote | null): OsiRow => ({
    osi,
    boundaries,
    note: boundaries.length > 0 ? ((osi === 5 || osi === 6) && secure.length ? 'spanned' : null) : fallback,
  });
  const hasTransport = of('transport').length > 0;
  return [
    // HTTPS: the HTTP inside TLS is encrypted, so layer 7 has no readable header of its own.
    row(7, plain, secure.length > 0 ? 'encrypted' : hasTransport ? 'empty' : 'noSeparateHeader'),
    row(6, secure, plain.length > 0 ? 'byApplication' : 'noSeparateHeader'),
    row(5, secure, plain.length > 0 ? 'byApplication' : 'noSeparateHeader'),
    row(4, of('transport'), 'noSeparateHeader'),
    row(3, of('network'), 'noSeparateHeader'),
    row(2, of('link'), 'noSeparateHeader'),
    { osi: 1, boundaries: [], note: 'notCaptured' },
  ];
}
