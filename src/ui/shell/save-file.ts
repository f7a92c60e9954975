/** Hand a Blob (or File) to the browser's download under this name. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  // The download reads the URL after the click returns; revoke it once it surely has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a title: "Top categories by GMV" → "top-categories-by-gmv", "Result 3" → "result-3". */
export function fileStemOf(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'file'
  );
}
