/**
 * Live capture state for the controls: the interface list, the current status (kept current by
 * `capture.status` events) and the last problem (`capture.error`), which stays visible until
 * dismissed or a new capture starts, so an agent crash never hides what happened.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CaptureProblem, CaptureStatus, InterfaceList } from '../../../../shared/api/capture';
import { useApi, useEvent } from '../../../api/api-context';

export interface CaptureModel {
  interfaces: InterfaceList | null;
  status: CaptureStatus | null;
  problem: CaptureProblem | null;
  reloadInterfaces: () => void;
  dismissProblem: () => void;
  setProblem: (problem: CaptureProblem | null) => void;
  setStatus: (status: CaptureStatus) => void;
}

export function useCapture(): CaptureModel {
  const api = useApi();
  const [interfaces, setInterfaces] = useState<InterfaceList | null>(null);
  const [status, setStatus] = useState<CaptureStatus | null>(null);
  const [problem, setProblem] = useState<CaptureProblem | null>(null);

  const reloadInterfaces = useCallback(() => {
    void api.invoke('capture.interfaces', {}).then(setInterfaces, () => setInterfaces(null));
  }, [api]);

  useEffect(() => {
    reloadInterfaces();
    let live = true;
    void api.invoke('capture.status', {}).then((s) => {
      if (!live) return;
      setStatus(s);
      if (s.problem) setProblem(s.problem);
    });
    return () => {
      live = false;
    };
  }, [api, reloadInterfaces]);

  useEvent('capture.status', (batch) => {
    const latest = batch[batch.length - 1];
    setStatus(latest);
    if (latest.problem) setProblem(latest.problem);
  });
  useEvent('capture.error', (batch) => setProblem(batch[batch.length - 1]));

  return {
    interfaces,
    status,
    problem,
    reloadInterfaces,
    dismissProblem: () => setProblem(null),
    setProblem,
    setStatus,
  };
}
