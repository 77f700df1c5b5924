/**
 * Renders Mermaid text to SVG (mermaid is imported lazily: it is large and only exports need it)
 * and SVG to PNG through a canvas. securityLevel 'strict' keeps mermaid from emitting scripts or
 * clickable links; the CSP already allows its inline styles.
 */
let counter = 0;

export async function renderMermaidSvg(text: string, dark: boolean): Promise<string> {
  const mermaid = (await import('mermaid')).default;
  // Re-initialise when the theme changes so the picture matches what the user sees.
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: dark ? 'dark' : 'default',
    sequence: { showSequenceNumbers: false },
  });
  const { svg } = await mermaid.render(`netlab-mermaid-${++counter}`, text);
  return svg;
}

/** Draws the SVG on a canvas at `scale` and returns PNG bytes. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the SVG could not be loaded as an image'));
      image.src = url;
    });
    const { width, height } = svgSize(svg, image);
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = getComputedStyle(document.body).backgroundColor || '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Mermaid writes width="100%" and a viewBox; the viewBox has the real size. */
function svgSize(svg: string, image: HTMLImageElement): { width: number; height: number } {
  const box = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg);
  if (box) return { width: Number(box[1]), height: Number(box[2]) };
  return { width: image.naturalWidth || 800, height: image.naturalHeight || 600 };
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
