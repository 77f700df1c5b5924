/**
 * The HTTPS interception proxy's domain model, shared by the main side (which records) and the
 * inspector UI (which shows). Everything here is plain data that survives JSON plus Uint8Array for
 * bytes. Times are milliseconds since the Unix epoch unless a name says otherwise.
 *
 * Stability promise for the UI: fields are only ever ADDED; nothing here is renamed or removed.
 */

/** One header line exactly as it travelled, in its original order and spelling. */
export interface HeaderLine {
  name: string;
  value: string;
}

/** A certificate as NetLab describes it to a learner. */
export interface CertificateInfo {
  /** Distinguished name, e.g. "CN=example.com, O=Example". */
  subject: string;
  /** The subject's common name alone, when present. */
  commonName: string | null;
  issuer: string;
  /** Hex, upper case, no separators. */
  serialNumber: string;
  notBefore: number;
  notAfter: number;
  /** Subject alternative names with their kind, e.g. "DNS:example.com", "IP Address:127.0.0.1". */
  subjectAltNames: string[];
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by ":" (what browsers show). */
  fingerprintSha256: string;
  /**
   * SHA-256 of the DER SubjectPublicKeyInfo, base64: the value public-key pinning compares
   * (curl's `--pinnedpubkey sha256//<this>`, HPKP-style pins, OkHttp CertificatePinner).
   */
  spkiSha256: string;
  /** "RSA 2048", "EC prime256v1", ... */
  publicKey: string;
  isCa: boolean;
  selfSigned: boolean;
  /** PEM text, so the UI can offer "save certificate". */
  pem: string;
}

/** What one TLS session looked like: the client↔proxy leg or the proxy↔server leg. */
export interface TlsSessionInfo {
  /** "TLSv1.3", "TLSv1.2", ... */
  version: string | null;
  /** OpenSSL/IANA cipher name, e.g. "TLS_AES_128_GCM_SHA256". */
  cipher: string | null;
  /** Negotiated ALPN protocol: "h2", "http/1.1" or null when none was agreed. */
  alpn: string | null;
  /** Server name the client asked for (SNI); null when the client sent none (e.g. an IP address). */
  sni: string | null;
  /**
   * Certificates presented by the server side of this leg, leaf first. On the client leg this is
   * NetLab's forged leaf (and its CA); on the upstream leg the real chain from the server.
   */
  certificates: CertificateInfo[];
  /** Upstream leg only: whether the chain was verified against the trust store. */
  verified: boolean | null;
  /** Upstream leg only: why verification failed and the connection was allowed anyway (insecure host). */
  verifyError: string | null;
  /** True when this TLS session resumed an earlier one (no full handshake). */
  resumed: boolean;
}

/**
 * Points in time along one exchange. Missing steps are null: a reused keep-alive connection has no
 * connect or TLS step, a failed exchange may stop anywhere.
 */
export interface ExchangeTimings {
  /** The proxy received the start of the request from the client. */
  start: number;
  /** Upstream TCP connection established (null when an idle pooled connection was reused). */
  connected: number | null;
  /** Upstream TLS handshake finished (null for plain HTTP or a reused connection). */
  tlsHandshakeDone: number | null;
  /** The request head was written upstream. */
  requestSent: number | null;
  /** First byte of the response head arrived from upstream: TTFB = firstByte - requestSent. */
  firstByte: number | null;
  /** Response body fully relayed to the client (or the exchange failed). */
  end: number | null;
}

export type BodyDecodeState =
  /** Identity encoding: the raw bytes are the content. */
  | 'identity'
  /** Decoded successfully from a supported content-encoding. */
  | 'decoded'
  /** Capture was cut at the cap, so only a prefix could be decoded. */
  | 'partial'
  /** An encoding NetLab cannot decode (e.g. zstd on this Node version). */
  | 'unsupported'
  /** The bytes did not decode (damaged or mislabelled). */
  | 'error';

/** Facts about one body. The bytes themselves come with the exchange detail. */
export interface BodyInfo {
  /** Bytes of the body as transferred after de-chunking but BEFORE content decoding. */
  size: number;
  /** How many of those bytes NetLab kept (at most the configured cap). */
  capturedSize: number;
  /** `size > capturedSize`: the rest was relayed but only counted. */
  truncated: boolean;
  /** Content-Encoding values in the order applied, lower case, e.g. ["gzip"]. Empty for identity. */
  contentEncodings: string[];
  /** Content-Type header value, or null. */
  contentType: string | null;
}

export interface RequestInfo {
  method: string;
  /** The request target as the client sent it (absolute-form for plain proxying, origin-form inside TLS). */
  target: string;
  /** "HTTP/1.1", "HTTP/2", "HTTP/1.0". */
  httpVersion: string;
  headers: HeaderLine[];
  body: BodyInfo;
}

export interface ResponseInfo {
  statusCode: number;
  statusMessage: string;
  httpVersion: string;
  headers: HeaderLine[];
  body: BodyInfo;
}

/** Failure causes a UI can branch on and translate (keys in the proxy i18n namespace: errors.<kind>). */
export type ProxyErrorKind =
  | 'upstream-refused'
  | 'upstream-timeout'
  | 'upstream-dns'
  | 'upstream-reset'
  | 'upstream-tls'
  | 'upstream-protocol'
  | 'bad-request'
  | 'headers-too-large'
  | 'request-smuggling'
  | 'client-timeout'
  | 'client-aborted'
  | 'internal';

export interface ExchangeError {
  kind: ProxyErrorKind;
  /** English technical detail (the OS or OpenSSL message). */
  message: string;
  /** Status NetLab answered the client with, when it answered (400, 431, 502, 504). */
  answeredStatus: number | null;
}

export type ExchangeState = 'pending' | 'complete' | 'error';
export type ExchangeSource = 'live' | 'har-import';
export type ExchangeKind = 'http' | 'websocket';

/** One row of the exchange list: cheap to send in bulk. */
export interface ExchangeSummary {
  id: number;
  kind: ExchangeKind;
  source: ExchangeSource;
  state: ExchangeState;
  startedAt: number;
  method: string;
  /** "http" or "https" (the scheme the client believed it used). */
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path and query, e.g. "/search?q=x". */
  path: string;
  url: string;
  /** Client leg: "HTTP/1.1" or "HTTP/2". */
  clientHttpVersion: string;
  /** Upstream leg protocol once known. */
  upstreamHttpVersion: string | null;
  statusCode: number | null;
  requestContentType: string | null;
  responseContentType: string | null;
  requestBodySize: number;
  responseBodySize: number;
  /** end - start, once complete. */
  durationMs: number | null;
  /** Time to first byte: firstByte - requestSent. */
  ttfbMs: number | null;
  /** Whether NetLab decrypted this exchange (false for plain HTTP). */
  intercepted: boolean;
  /** Number of WebSocket messages recorded so far (websocket exchanges only). */
  websocketMessageCount: number;
  error: ExchangeError | null;
  /** Client address "ip:port" as seen by the proxy. */
  clientAddress: string;
}

export type WebSocketDirection = 'client-to-server' | 'server-to-client';
export type WebSocketOpcode = 'text' | 'binary' | 'close' | 'ping' | 'pong';

export interface WebSocketMessage {
  exchangeId: number;
  /** 0-based order within the exchange across both directions. */
  index: number;
  time: number;
  direction: WebSocketDirection;
  opcode: WebSocketOpcode;
  /** Payload length of the whole message (all fragments), unmasked. */
  size: number;
  /** Start of the payload: UTF-8 text for text frames, lower-case hex for the others. */
  preview: string;
  previewTruncated: boolean;
  /** Close frames: the status code, e.g. 1000. */
  closeCode: number | null;
}

/** Everything recorded about one exchange. */
export interface ExchangeDetail extends ExchangeSummary {
  timings: ExchangeTimings;
  /** Client↔proxy TLS (null for plain HTTP). */
  clientTls: TlsSessionInfo | null;
  /** Proxy↔server TLS (null for plain HTTP or when the upstream connection never came up). */
  serverTls: TlsSessionInfo | null;
  request: RequestInfo;
  /** Null until the response head arrived (or when there never was one). */
  response: ResponseInfo | null;
  websocketMessages: WebSocketMessage[];
  /** Server IP address the proxy connected to. */
  serverAddress: string | null;
}

/** Body bytes travel separately from the detail so lists never carry them. */
export interface ExchangeBodies {
  /** Captured raw request body (content-encoded as sent), at most the cap. */
  requestRaw: Uint8Array;
  /** Decoded request body for display; null when identity (use raw) or not decodable. */
  requestDecoded: Uint8Array | null;
  requestDecodeState: BodyDecodeState;
  responseRaw: Uint8Array;
  responseDecoded: Uint8Array | null;
  responseDecodeState: BodyDecodeState;
}

export interface ExchangeWithBodies {
  exchange: ExchangeDetail;
  bodies: ExchangeBodies;
}

/**
 * Why a TLS handshake with the client or with the server failed. UI text lives under
 * tlsFailure.cause.<cause> in the proxy namespace.
 */
export type TlsFailureCause =
  /** The client sent a fatal alert (unknown_ca 48, bad_certificate 42, certificate_unknown 46). */
  | 'client-rejected-certificate'
  /** The client finished the handshake and hung up without sending one request (typical of pinning). */
  | 'client-closed-after-handshake'
  /** Something other than a TLS ClientHello arrived in the tunnel. */
  | 'client-not-tls'
  /** Any other client-side handshake failure (protocol version, no shared cipher...). */
  | 'client-handshake-failed'
  /** The real server's certificate failed verification (expired, wrong host, unknown issuer...). */
  | 'upstream-certificate-invalid'
  /** The TLS handshake with the real server failed for another reason. */
  | 'upstream-handshake-failed';

/** For a client rejection: the possible explanations NetLab offers (keys tlsFailure.reason.<x>). */
export type CertificateRejectionReason = 'ca-not-trusted' | 'certificate-pinned';

/** Upstream certificate problems, from OpenSSL's verify codes. */
export type UpstreamCertificateProblem =
  'expired' | 'not-yet-valid' | 'hostname-mismatch' | 'unknown-issuer' | 'self-signed' | 'revoked' | 'other';

export interface TlsAlertInfo {
  /** TLS alert number, e.g. 48. */
  code: number;
  /** RFC 8446 name, e.g. "unknown_ca". */
  name: string;
}

/** A TLS failure is its own record (not an exchange): no HTTP request ever happened. */
export interface TlsFailure {
  id: number;
  time: number;
  side: 'client' | 'upstream';
  cause: TlsFailureCause;
  /** Host the client tried to reach (SNI, else the CONNECT host). */
  host: string;
  port: number;
  sni: string | null;
  clientAddress: string;
  /** The alert the client sent, for client-rejected-certificate. */
  alert: TlsAlertInfo | null;
  /** Node/OpenSSL error code, e.g. ERR_SSL_TLSV1_ALERT_UNKNOWN_CA or CERT_HAS_EXPIRED. */
  errorCode: string | null;
  /** English technical detail. */
  message: string;
  /** Client rejections: which explanations apply (both, when NetLab cannot tell them apart). */
  possibleReasons: CertificateRejectionReason[];
  /** Upstream failures: what is wrong with the real certificate. */
  upstreamProblem: UpstreamCertificateProblem | null;
  /** The certificate NetLab forged for this host (what the client saw). */
  forgedCertificate: CertificateInfo | null;
  /** The real server's leaf certificate, fetched from upstream. */
  realCertificate: CertificateInfo | null;
  /** Pins side by side, "sha256//<base64>" form, so a learner sees why a pinning app refuses. */
  forgedSpkiPin: string | null;
  realSpkiPin: string | null;
}

/** The NetLab root certificate authority of this installation. */
export interface CaInfo {
  exists: boolean;
  subject: string | null;
  fingerprintSha256: string | null;
  spkiSha256: string | null;
  notBefore: number | null;
  notAfter: number | null;
  certificatePath: string;
  keyPath: string;
  /** When this CA was generated (from its notBefore plus the backdating). */
  createdAt: number | null;
}

export type CaExportFormat = 'pem' | 'der' | 'p12';

export interface ProxySettings {
  /** Listen address. 127.0.0.1 unless the user explicitly opens another interface. */
  host: string;
  port: number;
  /** Bytes of each body kept for display; the rest is streamed and counted. */
  bodyCaptureLimit: number;
  /** Exchanges kept in memory; the oldest are dropped beyond this. */
  maxExchanges: number;
  /** Hosts tunnelled without interception ("*.example.com" wildcards allowed). */
  passthroughHosts: string[];
  /** When non-empty, ONLY these hosts are intercepted; others are tunnelled. */
  interceptOnlyHosts: string[];
  /** Hosts whose upstream certificate is not verified (the failure is still shown). */
  insecureUpstreamHosts: string[];
  upstreamConnectTimeoutMs: number;
  /** No response head from upstream within this → 504. */
  upstreamResponseTimeoutMs: number;
  /** Client must finish its request head within this. */
  headersTimeoutMs: number;
  /** Request heads larger than this → 431. */
  maxHeaderBytes: number;
  /** Where the NSS key log is written; null keeps it in memory only. */
  keyLogPath: string | null;
}

export interface ProxyStatus {
  running: boolean;
  host: string | null;
  port: number | null;
  startedAt: number | null;
  exchangeCount: number;
  tlsFailureCount: number;
  /** Set when listening beyond loopback: anyone on that network can use the proxy. */
  exposedWarning: string | null;
  caFingerprintSha256: string | null;
}

export type ExchangeEventType = 'added' | 'updated';

export interface ExchangeEvent {
  type: ExchangeEventType;
  exchange: ExchangeSummary;
}

/** Filters for the exchange list; all given filters must match. */
export interface ExchangeFilter {
  /** Substring of the host, case-insensitive. */
  host?: string;
  method?: string;
  /** Exact status ("404") or class ("4xx"); "error" for failed exchanges. */
  status?: string;
  /** Substring of the response content type, e.g. "json". */
  contentType?: string;
  /** Substring of URL, headers or captured bodies (text), case-insensitive. */
  text?: string;
}

export interface ExchangePage {
  items: ExchangeSummary[];
  /** Matching exchanges in total (the page is `items`). */
  total: number;
  offset: number;
}
