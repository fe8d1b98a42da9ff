/**
 * Saves an image under a file name. Cross-origin links ignore `<a download>`, so the bytes are
 * fetched first (the mock gateway and TokenHub's storage allow CORS); if that fails the link opens
 * in a new tab, where the browser's own "save" works.
 */
export async function downloadImage(url: string, fileName: string): Promise<void> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(String(response.status));
    const objectURL = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = objectURL;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(objectURL), 10_000);
  } catch {
    window.open(url, '_blank', 'noopener');
  }
}
