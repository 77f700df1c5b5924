/** Public surface of the decoders: full dissection, the fast summary path and tshark-style fields. */
export { dissectPacket, timestampSeconds } from './dissect-packet';
export { summarizeFrame, summarizeSpan, type FrameSummary } from './summarize-frame';
export { tcpFactsFromTree } from './tcp-facts-from-tree';
export { wiresharkFields, tsharkValue, HEX_FIELDS, type WiresharkFieldValue } from './wireshark-fields';
export { readTcpOptionFacts } from './tcp-options';
