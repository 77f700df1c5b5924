/** The body bytes of an exchange for the inspector: raw as captured plus a decoded view. */
import type { ExchangeBodies } from '../../../shared/model/proxy';
import { decodeBody, parseContentEncodings } from './body-decoding';
import { headerValue, type RecordedExchange } from './recorded-exchange';

export function exchangeBodies(exchange: RecordedExchange): ExchangeBodies {
  // HAR files hold content already decoded, so imported bodies are shown as they are.
  const imported = exchange.start.source === 'har-import';
  const requestEncodings = imported
    ? []
    : parseContentEncodings(headerValue(exchange.start.requestHeaders, 'content-encoding'));
  const responseEncodings =
    imported || !exchange.response
      ? []
      : parseContentEncodings(headerValue(exchange.response.headers, 'content-encoding'));
  const requestRaw = exchange.requestBody.bytes();
  const responseRaw = exchange.responseBody.bytes();
  const request = decodeBody(requestRaw, requestEncodings, exchange.requestBody.truncated);
  const response = decodeBody(responseRaw, responseEncodings, exchange.responseBody.truncated);
  return {
    requestRaw: new Uint8Array(requestRaw.buffer, requestRaw.byteOffset, requestRaw.byteLength),
    requestDecoded: request.decoded ? new Uint8Array(request.decoded) : null,
    requestDecodeState: request.state,
    responseRaw: new Uint8Array(responseRaw.buffer, responseRaw.byteOffset, responseRaw.byteLength),
    responseDecoded: response.decoded ? new Uint8Array(response.decoded) : null,
    responseDecodeState: response.state,
  };
}
