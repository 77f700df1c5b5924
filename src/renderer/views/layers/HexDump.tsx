/**
 * The frame as hex and ASCII, 16 bytes a line, each byte tinted with its layer's colour. The
 * selected field's bytes are highlighted exactly; clicking a byte selects the deepest field that
 * covers it; dragging selects a byte range (to copy as hex).
 */
import { memo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerBoundary } from '../../../shared/model/packet';
import { layerOfByte } from './field-lookup';
import type { ByteRange } from './use-field-selection';

const PER_LINE = 16;
/** Bytes drawn before "show all": a 64 KiB loopback frame would be 130,000 spans. */
const FIRST_BYTES = 2048;

interface Span {
  offset: number;
  length: number;
}

const within = (span: Span | null, byte: number) =>
  span !== null && span.length > 0 && byte >= span.offset && byte < span.offset + span.length;

export const HexDump = memo(function HexDump({
  bytes,
  layers,
  selected,
  hovered,
  range,
  onByteClick,
  onByteHover,
  onRange,
}: {
  bytes: Uint8Array;
  layers: LayerBoundary[];
  selected: Span | null;
  hovered: Span | null;
  range: ByteRange | null;
  onByteClick: (byte: number) => void;
  onByteHover: (byte: number | null) => void;
  onRange: (range: ByteRange | null) => void;
}) {
  const { t } = useTranslation('layers');
  const anchor = useRef<number | null>(null);
  const [showAll, setShowAll] = useState(false);
  // Always far enough to show the selected field.
  const shown = showAll
    ? bytes.length
    : Math.min(bytes.length, Math.max(FIRST_BYTES, selected ? selected.offset + selected.length : 0));
  const lines = Math.ceil(shown / PER_LINE);

  const byteProps = (byte: number) => {
    const layer = layerOfByte(layers, byte);
    const inRange = range !== null && byte >= range.start && byte <= range.end;
    return {
      'data-offset': byte,
      'data-selected': within(selected, byte) || undefined,
      'data-hover': within(hovered, byte) || undefined,
      'data-range': inRange || undefined,
      className: `dump-byte layer-${layer ?? 'none'}`,
      onMouseDown: (e: MouseEvent) => {
        e.preventDefault();
        anchor.current = byte;
        onRange(null);
      },
      onMouseEnter: () => {
        onByteHover(byte);
        if (anchor.current !== null && anchor.current !== byte)
          onRange({ start: Math.min(anchor.current, byte), end: Math.max(anchor.current, byte) });
      },
      onMouseUp: () => {
        if (anchor.current === byte) onByteClick(byte);
        anchor.current = null;
      },
    };
  };

  return (
    <div
      className="hex-dump"
      data-testid="hex-dump"
      aria-label={t('dump.label')}
      onMouseLeave={() => {
        onByteHover(null);
        anchor.current = null;
      }}
    >
      {Array.from({ length: lines }, (_, line) => {
        const start = line * PER_LINE;
        const end = Math.min(shown, start + PER_LINE);
        const offsets = Array.from({ length: end - start }, (_, i) => start + i);
        return (
          <div className="dump-line" key={line}>
            <span className="dump-offset">{start.toString(16).padStart(4, '0')}</span>
            <span className="dump-hex">
              {offsets.map((byte) => (
                <span key={byte} data-testid="hex-byte" {...byteProps(byte)}>
                  {bytes[byte].toString(16).padStart(2, '0')}
                </span>
              ))}
            </span>
            <span className="dump-ascii">
              {offsets.map((byte) => (
                <span key={byte} data-testid="ascii-byte" {...byteProps(byte)}>
                  {bytes[byte] >= 0x20 && bytes[byte] < 0x7f ? String.fromCharCode(bytes[byte]) : '·'}
                </span>
              ))}
            </span>
          </div>
        );
      })}
      {shown < bytes.length && (
        <button type="button" className="link-button dump-more" onClick={() => setShowAll(true)}>
          {t('dump.showAll', { count: bytes.length })}
        </button>
      )}
    </div>
  );
});
