/**
 * Encapsulation step by step with the real packet: at the sender each layer wraps what it got
 * from above in its header; at the receiver each layer reads and removes its header. Prev/Next/
 * Play; with prefers-reduced-motion the blocks appear without animation.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldNode, LayerBoundary } from '../../../shared/model/packet';
import { encapsulationSteps, totalLength, type Direction, type EncapsulationBlock } from './encapsulation';
import { fieldAtPath, findFieldById } from './field-lookup';
import { fieldValueText } from './field-text';
import { KEY_FIELDS, protocolLabel } from './protocol-labels';

const PLAY_INTERVAL_MS = 1600;

export function Encapsulation({ layers, fields }: { layers: LayerBoundary[]; fields: FieldNode[] }) {
  const { t } = useTranslation('layers');
  const [direction, setDirection] = useState<Direction>('send');
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const steps = useMemo(() => encapsulationSteps(layers, direction), [layers, direction]);
  const current = steps[Math.min(step, steps.length - 1)];

  // Playing stops by itself at the last step.
  const active = playing && step < steps.length - 1;
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setStep((s) => s + 1), PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [active, step]);

  const keyValues = (block: EncapsulationBlock): string => {
    const ids = KEY_FIELDS[block.protocol] ?? [];
    return ids
      .map((id) => {
        const path = findFieldById(fields, id);
        const node = path ? fieldAtPath(fields, path) : undefined;
        return node ? fieldValueText(node) : null;
      })
      .filter((v): v is string => !!v)
      .join(' · ');
  };

  const caption = () => {
    const changed = current.changed;
    const bytes = totalLength(current.blocks);
    if (!changed)
      return direction === 'send'
        ? t('encap.startSend', { count: bytes })
        : t('encap.startReceive', { count: bytes });
    const layer = t(`tcpip.${changed.layer}`);
    const params = { layer, protocol: protocolLabel(changed.protocol), count: changed.length };
    return direction === 'send' ? t('encap.added', params) : t('encap.removed', params);
  };

  return (
    <section className="encapsulation" data-testid="encapsulation" aria-label={t('encap.title')}>
      <header className="encap-header">
        <h3>{t('encap.title')}</h3>
        <div className="segmented" role="group" aria-label={t('encap.direction')}>
          {(['send', 'receive'] as const).map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={direction === d}
              data-testid={`encap-${d}`}
              onClick={() => {
                setDirection(d);
                setStep(0);
                setPlaying(false);
              }}
            >
              {t(`encap.${d}`)}
            </button>
          ))}
        </div>
        <div className="encap-controls">
          <button
            type="button"
            data-testid="encap-prev"
            disabled={step === 0}
            onClick={() => setStep(step - 1)}
          >
            {t('encap.prev')}
          </button>
          <button
            type="button"
            data-testid="encap-next"
            disabled={step >= steps.length - 1}
            onClick={() => setStep(step + 1)}
          >
            {t('encap.next')}
          </button>
          <button
            type="button"
            data-testid="encap-play"
            onClick={() => {
              if (!active && step >= steps.length - 1) setStep(0);
              setPlaying(!active);
            }}
          >
            {active ? t('encap.pause') : t('encap.play')}
          </button>
          <span className="encap-count" data-testid="encap-step">
            {t('encap.step', { step: step + 1, total: steps.length })}
          </span>
        </div>
      </header>
      <p className="encap-caption" aria-live="polite" data-testid="encap-caption">
        {caption()}
      </p>
      <div className="encap-frame" data-testid="encap-blocks">
        {current.blocks.map((block) => (
          <div
            key={`${direction}-${block.protocol}-${step}`}
            className={`encap-block layer-${block.layer}${block === current.changed ? ' changed' : ''}${block.isPayload ? ' payload' : ''}`}
            data-protocol={block.protocol}
            style={{ flexGrow: Math.max(1, Math.log2(block.length + 1)) }}
          >
            <strong>{block.isPayload ? t('encap.payload') : protocolLabel(block.protocol)}</strong>
            <span>{t('stack.bytes', { count: block.length })}</span>
            {!block.isPayload && <small>{keyValues(block)}</small>}
          </div>
        ))}
      </div>
      <p className="encap-total">{t('encap.total', { count: totalLength(current.blocks) })}</p>
    </section>
  );
}
