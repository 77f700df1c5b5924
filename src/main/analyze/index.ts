/** `netlab analyze` core: read a capture, decode, summarise. The CLI command only parses arguments. */
export { analyzeCapture, type AnalyzeOptions, type AnalyzeResult } from './analyze-capture';
export { formatPacketList, formatSummary } from './format-summary';
export type * from './analysis-report';
