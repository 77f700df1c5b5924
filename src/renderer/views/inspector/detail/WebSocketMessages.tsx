/** The messages of a WebSocket exchange in order, both directions, with their opcode and size. */
import { useTranslation } from 'react-i18next';
import type { WebSocketMessage } from '../../../../shared/model/proxy';
import { formatClock } from '../format';

export function WebSocketMessages({ messages }: { messages: WebSocketMessage[] }) {
  const { t } = useTranslation('proxy');
  const { t: ti } = useTranslation('inspector');
  if (messages.length === 0) return <p className="insp-muted">{ti('websocket.none')}</p>;
  return (
    <table className="insp-headers insp-ws" data-testid="websocket-messages">
      <tbody>
        {messages.map((m) => (
          <tr key={m.index} data-direction={m.direction}>
            <th scope="row">
              {m.direction === 'client-to-server'
                ? t('websocket.clientToServer')
                : t('websocket.serverToClient')}
              <br />
              <span className="insp-muted">
                {formatClock(m.time)} · {m.opcode}
                {m.closeCode !== null ? ` ${m.closeCode}` : ''} ·{' '}
                {t('websocket.messageSize', { size: m.size })}
              </span>
            </th>
            <td>
              {m.preview}
              {m.previewTruncated && (
                <span className="insp-muted"> … ({t('websocket.previewTruncated')})</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
