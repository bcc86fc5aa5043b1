/** The browser has no files to read by path: case text comes from the page (upload, editor, bundled cases). */
export async function readFile(): Promise<never> {
  throw Object.assign(new Error('no file system in the browser'), { code: 'ENOSYS' });
}
