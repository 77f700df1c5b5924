/** Loads one packet's field tree and bytes (session.packet) for the selected frame number. */
import { useEffect, useState } from 'react';
import type { PacketDetail } from '../../../shared/api/session';
import { useApi } from '../../api/api-context';

export type DetailState =
  | { status: 'none' }
  | { status: 'loading'; number: number }
  | { status: 'ready'; detail: PacketDetail }
  | { status: 'error'; number: number; message: string };

type Loaded = { key: string; detail: PacketDetail } | { key: string; message: string };

export function usePacketDetail(number: number | null, epoch: number): DetailState {
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = `${epoch}/${number}`;
  useEffect(() => {
    if (number === null) return;
    let current = true;
    api
      .invoke('session.packet', { number })
      .then((detail) => current && setLoaded({ key, detail }))
      .catch(
        (e: unknown) => current && setLoaded({ key, message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      current = false;
    };
  }, [api, number, key]);
  if (number === null) return { status: 'none' };
  if (!loaded || loaded.key !== key) return { status: 'loading', number };
  return 'detail' in loaded
    ? { status: 'ready', detail: loaded.detail }
    : { status: 'error', number, message: loaded.message };
}
