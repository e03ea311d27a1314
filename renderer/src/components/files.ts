/**
 * Browser-side file helpers: reading a picked file for a channel (bytes as base64, which every
 * bridge carries as JSON) and saving text the services produced (CSV, HTML) through the
 * browser's download, which Electron turns into a save dialog.
 */

/** A picked file's bytes as base64, without building one huge string of characters first. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let out = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) out += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(out);
}

/** Offers `content` as a file download named `fileName`. */
export function saveText(fileName: string, content: string, mimeType: string): void {
  saveBlob(fileName, new Blob([content], { type: `${mimeType};charset=utf-8` }));
}

/** Offers base64 bytes (an evidence file) as a download. */
export function saveBase64(fileName: string, contentBase64: string, mimeType: string): void {
  const bin = atob(contentBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  saveBlob(fileName, new Blob([bytes], { type: mimeType }));
}

function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; keep the URL a moment for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
