/** Validates the BPF filter as the user types, debounced, ignoring answers to older text. */
import { useEffect, useState } from 'react';
import type { FilterValidation } from '../../../../shared/api/capture';
import { useApi } from '../../../api/api-context';

export type FilterCheckState =
  { kind: 'idle' } | { kind: 'checking' } | { kind: 'done'; result: FilterValidation };

const DEBOUNCE_MS = 250;

export function useFilterValidation(interfaceName: string, filter: string): FilterCheckState {
  const api = useApi();
  // The answer remembers which (interface, filter) it is for: a newer text shows 'checking' at once.
  const [answer, setAnswer] = useState<{ key: string; result: FilterValidation | null } | null>(null);
  const key = `${interfaceName}\n${filter}`;
  const empty = !interfaceName || filter.trim() === '';
  useEffect(() => {
    if (empty) return;
    let current = true;
    const timer = setTimeout(() => {
      api.invoke('capture.validateFilter', { interface: interfaceName, filter }).then(
        (result) => current && setAnswer({ key, result }),
        () => current && setAnswer({ key, result: null }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, interfaceName, filter, key, empty]);
  if (empty) return { kind: 'idle' };
  if (answer?.key !== key) return { kind: 'checking' };
  return answer.result ? { kind: 'done', result: answer.result } : { kind: 'idle' };
}
