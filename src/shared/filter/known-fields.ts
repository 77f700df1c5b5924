/**
 * The field ids NetLab produces, for the "unknown field — did you mean" check: every id the
 * decoders describe in the `fields` namespace, plus the values the TCP connection tracker adds
 * under Wireshark's names. Notes and warnings in that namespace are messages, not fields.
 */
import fieldsEn from '../i18n/locales/en/fields.json';
import { TCP_ANALYSIS_FLAGS } from '../model/tcp';

const TRACKER_FIELDS = [
  'tcp.stream',
  'tcp.seq',
  'tcp.ack',
  'tcp.nxtseq',
  'tcp.analysis',
  'tcp.analysis.flags',
  'tcp.analysis.duplicate_ack_num',
  'tcp.analysis.initial_rtt',
  ...TCP_ANALYSIS_FLAGS.map((flag) => `tcp.analysis.${flag}`),
  'netlab.tcp.state.client',
  'netlab.tcp.state.server',
  'netlab.tcp.state.client.certainty',
  'netlab.tcp.state.server.certainty',
  'netlab.tcp.phase',
  'netlab.tcp.situation',
];

export const NETLAB_KNOWN_FIELDS: readonly string[] = [
  ...Object.keys(fieldsEn).filter(
    (id) => !id.startsWith('netlab.note.') && !id.startsWith('netlab.warning.'),
  ),
  ...TRACKER_FIELDS,
];
