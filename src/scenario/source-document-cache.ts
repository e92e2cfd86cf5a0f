/**
 * SourceDocumentCache: the files a command has parsed, so that scenarios extending the same
 * bases (a compare of the flagship and its policies: eight scenarios over the same 187 kB of
 * world and event files) parse each file once. A file is parsed again when its bytes differ.
 * Composition never changes a parsed document (every merge and overlay copies what it
 * changes); the cache freezes each value so that a change would throw rather than leak into
 * the next scenario.
 */
import { parseSourceDocument, type PlainValue, type SourceDocument } from "./source-document.js";

/** Parsed files by name, with the bytes they were parsed from. */
export class SourceDocumentCache {
  private readonly parsed = new Map<string, { readonly bytes: Uint8Array; readonly document: SourceDocument }>();

  /** `file` parsed from `bytes`: as parseSourceDocument gives it, from the cache when the same file had the same bytes. */
  parse(file: string, bytes: Uint8Array): SourceDocument {
    const cached = this.parsed.get(file);
    if (cached !== undefined && Buffer.compare(cached.bytes, bytes) === 0) return cached.document;
    const document = parseSourceDocument(file, bytes);
    if (document.ok) deepFreeze(document.value);
    this.parsed.set(file, { bytes: Uint8Array.from(bytes), document });
    return document;
  }
}

function deepFreeze(value: PlainValue): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const item of Array.isArray(value) ? value : Object.values(value)) deepFreeze(item);
}
