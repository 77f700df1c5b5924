/** Copying for learners: field values and bytes as hex (e.g. to paste into a hex decoder). */
export function bytesToHex(bytes: Uint8Array, start: number, endInclusive: number): string {
  const out: string[] = [];
  for (let i = Math.max(0, start); i <= Math.min(bytes.length - 1, endInclusive); i++)
    out.push(bytes[i].toString(16).padStart(2, '0'));
  return out.join(' ');
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
