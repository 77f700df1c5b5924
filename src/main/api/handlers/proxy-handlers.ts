/** The proxy and CA methods of the contract, over the one ProxyService of the backend. */
import { ApiError } from '../../../shared/api/define';
import type { MethodName } from '../../../shared/api/contract';
import type { ProxySettings } from '../../../shared/model/proxy';
import { CA_EXPORT_FILE_NAMES, CA_EXPORT_MIME_TYPES } from '../../proxy/ca/certificate-authority';
import { buildHar } from '../../proxy/har/har-export';
import { importHar } from '../../proxy/har/har-import';
import { toCurlCommand } from '../../proxy/record/curl-command';
import { exchangeBodies } from '../../proxy/record/exchange-bodies';
import { ProxyListenError, type ProxyService } from '../../proxy/proxy-service';
import type { BackendContext } from '../backend-context';
import type { EventBus } from '../event-bus';
import type { PartialHandlerMap } from '../router';

type ProxyMethod = Extract<MethodName, `proxy.${string}`>;

/** Forwards the proxy's records to the event bus (which batches them for the UI). */
export function connectProxyEvents(proxy: ProxyService, events: EventBus): () => void {
  const stopStore = proxy.store.listen({
    exchange: (type, exchange) => events.publish('proxy.exchange', { type, exchange: exchange.summary() }),
    tlsFailure: (failure) => events.publish('proxy.tlsFailure', failure),
    websocketMessage: (message) => events.publish('proxy.websocketMessage', message),
  });
  const stopStatus = proxy.onStatus((status) => events.publish('proxy.status', status));
  return () => {
    stopStore();
    stopStatus();
  };
}

function notFound(id: number): ApiError {
  return new ApiError(
    'not-found',
    `No exchange ${id}: it may have been dropped to stay within the memory limit.`,
  );
}

export function proxyHandlers(ctx: BackendContext): PartialHandlerMap<ProxyMethod> {
  const proxy = ctx.proxy;
  return {
    'proxy.start': async (input) => {
      try {
        return await proxy.start(input as Partial<ProxySettings> & { allowNonLoopback?: boolean });
      } catch (error) {
        if (error instanceof ProxyListenError) throw new ApiError('conflict', error.message);
        throw error;
      }
    },
    'proxy.stop': () => proxy.stop(),
    'proxy.status': () => proxy.status(),
    'proxy.settings': (input) => {
      const { allowNonLoopback: _ignored, ...settings } = input;
      return Object.keys(settings).length > 0 ? proxy.updateSettings(settings) : proxy.settings;
    },
    'proxy.exchanges': (input) => proxy.store.list(input.filter, input.offset, input.limit),
    'proxy.exchange': (input) => {
      const exchange = proxy.store.get(input.id);
      if (!exchange) throw notFound(input.id);
      return { exchange: exchange.detail(), bodies: exchangeBodies(exchange) };
    },
    'proxy.tlsFailures': () => proxy.store.tlsFailures(),
    'proxy.clear': () => ({ cleared: proxy.store.clear() }),
    'proxy.ca.info': () => proxy.caInfo(),
    'proxy.ca.export': (input) => {
      const bytes = proxy.ca().export(input.format, input.password);
      return {
        format: input.format,
        bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        suggestedFileName: CA_EXPORT_FILE_NAMES[input.format],
        mimeType: CA_EXPORT_MIME_TYPES[input.format],
      };
    },
    'proxy.ca.regenerate': () => proxy.regenerateCa(),
    'proxy.ca.delete': () => proxy.deleteCa(),
    'proxy.har.export': (input) => {
      const wanted = input.ids ? new Set(input.ids) : null;
      const exchanges = proxy.store.all().filter((e) => !wanted || wanted.has(e.id));
      const har = buildHar(exchanges, wanted ? [] : proxy.store.tlsFailures(), ctx.version);
      return {
        json: JSON.stringify(har, null, 2),
        entryCount: har.log.entries.length,
        suggestedFileName: `netlab-${new Date().toISOString().replace(/[:.]/g, '-')}.har`,
      };
    },
    'proxy.har.import': (input) => {
      try {
        return importHar(input.json, proxy.store);
      } catch (error) {
        throw new ApiError('bad-input', (error as Error).message);
      }
    },
    'proxy.curl': (input) => {
      const exchange = proxy.store.get(input.id);
      if (!exchange) throw notFound(input.id);
      return { command: toCurlCommand(exchange) };
    },
  };
}
