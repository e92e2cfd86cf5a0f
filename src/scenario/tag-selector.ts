/**
 * Tag selectors: `facilities[tag=allied-separation]` in a `--set` path stands for every entry
 * of that collection whose `tags:` list holds the tag, so that one edit reaches a group
 * (`--set 'facilities[tag=allied-separation].online-=1 year'`). The collection is written out,
 * so an edit says which entries it can reach; a tag on facilities and events takes one edit
 * for each. Facilities, controls, events and stockpiles carry tags.
 */
import { SLUG } from "./field-schemas.js";
import { suggest } from "./reference-index.js";
import type { PlainValue } from "./source-document.js";

/** The collections whose entries may carry `tags:`. */
export const TAGGED_COLLECTIONS = ["facilities", "controls", "events", "stockpiles"] as const;

/** A `collection[tag=name]` at the start of a path, and the rest of the path after it. */
export interface TagSelector {
  readonly collection: (typeof TAGGED_COLLECTIONS)[number];
  readonly tag: string;
  /** What follows the selector: "" or ".field..." or "[n]...". */
  readonly rest: string;
}

/**
 * The selector a `--set` path starts with, undefined when it names no tag, or why it cannot be
 * one (a `tag:NAME` shorthand, a collection without tags, a tag that is not a slug).
 */
export function parseTagSelector(pathText: string, document: PlainValue): { ok: true; selector: TagSelector | undefined } | { ok: false; message: string } {
  const shorthand = /^tags?:([^.[]*)/.exec(pathText);
  if (shorthand !== null) {
    const on = collectionsWith(document, shorthand[1]);
    const collection = on[0] ?? "facilities";
    return {
      ok: false,
      message: `name the collection the tag selects: ${collection}[tag=${shorthand[1]}]${pathText.slice(shorthand[0].length)}${on.length > 1 ? ` (the tag is on ${on.join(" and ")}: give each its own --set)` : ""}`,
    };
  }
  const match = /^([A-Za-z0-9_-]+)\[tags?\s*=\s*([^\]]*)\](.*)$/s.exec(pathText);
  if (match === null) {
    if (/\[tags?\s*=/.test(pathText)) return { ok: false, message: `a tag selects entries of ${TAGGED_COLLECTIONS.join(", ")}: write it in place of the entry's id, such as facilities[tag=allied-separation].online` };
    return { ok: true, selector: undefined };
  }
  const [, collection, tag, rest] = match;
  if (!(TAGGED_COLLECTIONS as readonly string[]).includes(collection)) {
    return { ok: false, message: `${collection} have no tags: a tag selects entries of ${TAGGED_COLLECTIONS.join(", ")}, such as facilities[tag=allied-separation].online` };
  }
  if (!SLUG.test(tag)) return { ok: false, message: `"${tag}" is not a tag: tags are lower-case letters, digits and dashes, such as allied-separation` };
  if (rest !== "" && !rest.startsWith(".") && !rest.startsWith("[")) return { ok: false, message: `write a dot between ${collection}[tag=${tag}] and the field, such as ${collection}[tag=${tag}].name` };
  return { ok: true, selector: { collection: collection as TagSelector["collection"], tag, rest: rest.replace(/^\./, "") } };
}

/** The ids of the entries the selector reaches, in the scenario's order, or why there are none. */
export function taggedIds(document: PlainValue, selector: TagSelector): { ok: true; ids: string[] } | { ok: false; message: string } {
  const ids = entriesOf(document, selector.collection)
    .filter(([, entry]) => tagsOf(entry).includes(selector.tag))
    .map(([id]) => id);
  if (ids.length > 0) return { ok: true, ids };
  const on = collectionsWith(document, selector.tag);
  if (on.length > 0) {
    const where = on.map((c) => `${c}[tag=${selector.tag}]`).join(" or ");
    return { ok: false, message: `no ${selector.collection} have the tag "${selector.tag}": it is on ${on.join(" and ")}; write ${where}` };
  }
  const known = allTags(document);
  const hint = suggest(selector.tag, known);
  const listed = hint !== "" ? hint : known.length === 0 ? " (the scenario has no tags)" : ` (its tags: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", ..." : ""})`;
  return { ok: false, message: `no entry of the scenario has the tag "${selector.tag}"${listed}` };
}

/** The collections (of those that take tags) where some entry has `tag`. */
function collectionsWith(document: PlainValue, tag: string): string[] {
  return TAGGED_COLLECTIONS.filter((c) => entriesOf(document, c).some(([, entry]) => tagsOf(entry).includes(tag)));
}

/** Every tag of the scenario, sorted. */
function allTags(document: PlainValue): string[] {
  const tags = new Set<string>();
  for (const c of TAGGED_COLLECTIONS) for (const [, entry] of entriesOf(document, c)) for (const tag of tagsOf(entry)) tags.add(tag);
  return [...tags].sort();
}

function entriesOf(document: PlainValue, collection: string): [string, PlainValue][] {
  if (typeof document !== "object" || document === null || Array.isArray(document) || !Object.hasOwn(document, collection)) return [];
  const entries = document[collection];
  return typeof entries === "object" && entries !== null && !Array.isArray(entries) ? Object.entries(entries) : [];
}

function tagsOf(entry: PlainValue): string[] {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry) || !Object.hasOwn(entry, "tags")) return [];
  const tags = entry.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}
