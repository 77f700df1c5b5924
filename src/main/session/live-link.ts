/**
 * Connects live capture to the session: a new capture (a new `startedAt`) starts a new session on
 * its first frames or its first 'running' status, whichever comes first, so a capture that fails to
 * start never clears what the user already had. A full store stops the capture.
 */
import type { CaptureStatus } from '../../shared/api/capture';
import type { EventBus } from '../api/event-bus';
import type { CaptureService } from '../capture/live/capture-service';
import type { SessionService } from './session-service';

export function connectCaptureToSession(
  capture: CaptureService,
  sessions: SessionService,
  events: EventBus,
): void {
  let currentKey: number | undefined;
  const begin = (status: CaptureStatus): void => {
    if (status.startedAt === undefined || status.startedAt === currentKey) return;
    currentKey = status.startedAt;
    sessions.beginLive(status.interface ?? 'capture');
  };
  events.subscribe('capture.status', (batch) => {
    for (const status of batch) if (status.state === 'running') begin(status);
  });
  capture.onFrames = (frames, linkType) => {
    const status = capture.status();
    begin(status);
    const stored = sessions.ingestLive(frames, linkType, status.interface ?? 'capture');
    if (!stored) void capture.stop();
  };
}
