/** The request line and response status line with their headers, exactly as they travelled. */
import { useTranslation } from 'react-i18next';
import type { ExchangeDetail, HeaderLine } from '../../../../shared/model/proxy';

function HeaderTable({ headers, testId }: { headers: HeaderLine[]; testId: string }) {
  return (
    <table className="insp-headers" data-testid={testId}>
      <tbody>
        {headers.map((h, i) => (
          <tr key={`${i}-${h.name}`}>
            <th scope="row">{h.name}</th>
            <td>{h.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HeadersView({ exchange }: { exchange: ExchangeDetail }) {
  const { t } = useTranslation('inspector');
  const { request, response } = exchange;
  return (
    <div className="insp-headers-view">
      <h3>{t('detail.request')}</h3>
      <p className="insp-start-line mono" data-testid="request-line">
        {request.method} {request.target} {request.httpVersion}
      </p>
      <HeaderTable headers={request.headers} testId="request-headers" />
      <h3>{t('detail.response')}</h3>
      {response ? (
        <>
          <p className="insp-start-line mono" data-testid="response-line">
            {response.httpVersion} {response.statusCode} {response.statusMessage}
          </p>
          <HeaderTable headers={response.headers} testId="response-headers" />
        </>
      ) : (
        <p className="insp-muted">
          {exchange.state === 'pending' ? t('detail.waiting') : t('detail.noResponse')}
        </p>
      )}
    </div>
  );
}
