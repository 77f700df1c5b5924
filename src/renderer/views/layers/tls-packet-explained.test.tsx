// @vitest-environment happy-dom
/**
 * The Layers explainer rendered for an HTTPS packet: the note about opaque payloads and key logs,
 * TLS spanning OSI 5 and 6 with layer 7 encrypted, clicking a byte and the arrow keys.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PacketDetail } from '../../../shared/api/session';
import { initI18n } from '../../i18n/i18n';
import { LayersExplainer } from './LayersExplainer';
import { SYN_BYTES, SYN_FIELDS } from './test-packet.test-support';

// The SYN's headers with 8 bytes of a TLS record behind them (a trimmed application data record).
const bytes = new Uint8Array([...SYN_BYTES, 0x17, 0x03, 0x03, 0x00, 0x03, 0xaa, 0xbb, 0xcc]);
const tls = {
  id: 'tls',
  name: 'Transport Layer Security',
  value: null,
  offset: 66,
  length: 8,
  children: [{ id: 'tls.record.content_type', name: 'Content Type', value: 23, offset: 66, length: 1 }],
};
const detail: PacketDetail = {
  summary: {
    number: 7,
    time: 0,
    timestampNs: '0',
    length: 74,
    capturedLength: 74,
    interfaceId: 0,
    source: '172.16.16.128',
    destination: '212.58.226.142',
    protocol: 'TLSv1.2',
    info: 'Application Data',
    layers: [
      { layer: 'link', protocol: 'eth', offset: 0, length: 14 },
      { layer: 'network', protocol: 'ip', offset: 14, length: 20 },
      { layer: 'transport', protocol: 'tcp', offset: 34, length: 32 },
      { layer: 'application', protocol: 'tls', offset: 66, length: 8 },
    ],
  },
  fields: [...SYN_FIELDS, tls],
  notes: [],
  bytes,
};

let root: Root | null = null;
let container: HTMLDivElement;

function render(model: 'tcpip' | 'osi') {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  act(() => root?.render(<LayersExplainer detail={detail} model={model} onModel={() => undefined} />));
}

const q = (selector: string) => container.querySelector(selector);

describe('an HTTPS packet in the Layers view', () => {
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    initI18n();
  });
  afterEach(() => {
    act(() => root?.unmount());
    container.remove();
  });

  it('explains why the payload is opaque and how the proxy key log opens it', () => {
    render('tcpip');
    expect(q('[data-testid="https-note"]')?.textContent).toMatch(/key log/);
  });

  it('maps TLS onto OSI 5 and 6 and marks layer 7 encrypted', () => {
    render('osi');
    const card = (n: number) => q(`[data-testid="layer-card"][data-osi="${n}"]`)?.textContent ?? '';
    expect(card(7)).toMatch(/encrypted/);
    expect(card(6)).toMatch(/TLS spans the session and presentation/);
    expect(card(6)).toMatch(/Content Type/);
    // TLS's fields are listed once, in row 6.
    expect(card(5)).not.toMatch(/Content Type/);
    expect(card(1)).toMatch(/bits on the wire/);
  });

  it('selects the field of a clicked byte and moves with the arrow keys', () => {
    render('tcpip');
    const byte = q('[data-testid="hex-byte"][data-offset="66"]');
    act(() => {
      byte?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
      byte?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    expect(q('[data-testid="field-info"] code')?.textContent).toBe('tls.record.content_type');
    expect(q('[data-testid="hex-byte"][data-selected]')?.getAttribute('data-offset')).toBe('66');
    const stack = q('[data-testid="layer-stack"]');
    act(() => stack?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true })));
    expect(q('[data-testid="field-info"] code')?.textContent).toBe('tls');
    expect(
      [...container.querySelectorAll('[data-testid="hex-byte"][data-selected]')].map((b) =>
        b.getAttribute('data-offset'),
      ),
    ).toEqual(['66', '67', '68', '69', '70', '71', '72', '73']);
  });
});
