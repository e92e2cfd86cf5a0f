/** FileSource: how the scenario layer reads files, injected so that it does no I/O itself. */

/** The bytes of a file, or why they could not be read. */
export type FileRead = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

/** Reads scenario files. The CLI passes one backed by the file system; tests may pass a map. */
export interface FileSource {
  read(path: string): FileRead;
  /** The path with every symbolic link resolved, or undefined if it does not exist. */
  realPath(path: string): string | undefined;
}

/** A FileSource over an in-memory map of path -> text (for tests and embedding). */
export function memoryFileSource(files: Record<string, string>): FileSource {
  return {
    read(path) {
      const text = files[path];
      return text === undefined ? { ok: false, reason: "no such file" } : { ok: true, bytes: new TextEncoder().encode(text) };
    },
    realPath(path) {
      return path;
    },
  };
}
