/**
 * TCP connection analysis (pure): the tracker, the Wireshark-named per-packet values for
 * `netlab analyze --packets`, the connection list for `--json`, and the tshark comparison.
 */
export { ConnectionTracker, analysisFlagNames, type ConnectionTrackerOptions } from './connection-tracker';
export {
  analyzeTcpSegments,
  segmentFieldValues,
  type TcpAnalysisResult,
  type TcpFieldValues,
} from './wireshark-fields';
export { readTcpFacts, type CaptureTcpFacts } from './capture-facts';
