import { checkFilter, NETLAB_KNOWN_FIELDS } from '../../../shared/filter';
import type { BackendContext } from '../backend-context';
import type { PartialHandlerMap } from '../router';

type SessionMethod =
  | 'session.info'
  | 'session.clear'
  | 'session.openPath'
  | 'session.upload.begin'
  | 'session.upload.chunk'
  | 'session.upload.end'
  | 'session.cancelImport'
  | 'session.packets'
  | 'session.packet'
  | 'session.checkFilter'
  | 'session.exportPcapng'
  | 'session.savePcapng';

export function sessionHandlers(ctx: BackendContext): PartialHandlerMap<SessionMethod> {
  const s = ctx.sessions;
  return {
    'session.info': () => s.info(),
    'session.clear': () => s.clear(),
    'session.openPath': (input) => ({ jobId: s.imports.start(input.path).jobId }),
    'session.upload.begin': (input) => ({ uploadId: s.uploads.begin(input.name, input.size) }),
    'session.upload.chunk': (input) => ({ received: s.uploads.chunk(input.uploadId, input.bytes) }),
    'session.upload.end': (input) => {
      const file = s.uploads.finish(input.uploadId);
      return { jobId: s.imports.start(file.path, file.name, file.cleanup).jobId };
    },
    'session.cancelImport': (input) => ({ cancelled: s.imports.cancel(input.jobId) }),
    'session.packets': (input) => s.page(input.offset, input.limit, input.filter),
    'session.packet': (input) => s.detail(input.number),
    'session.checkFilter': (input) => {
      const error = checkFilter(input.filter, { knownFields: NETLAB_KNOWN_FIELDS });
      return error
        ? {
            ok: false,
            error: { position: error.position, message: error.message, key: error.key, params: error.params },
          }
        : { ok: true };
    },
    'session.exportPcapng': (input) => s.exportPcapng(input.numbers),
    'session.savePcapng': (input) => s.savePcapng(input.path, input.numbers),
  };
}
