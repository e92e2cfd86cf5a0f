/**
 * PositionMap: where every key and value of a scenario document is written (file, line,
 * column), by field path, so that problems found after parsing and merging can be reported
 * at the place that causes them.
 */
import type { FieldPath } from "./scenario-issue.js";

/** Where something is written. */
export interface Position {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One field's positions and those of the fields under it. */
interface PositionNode {
  value?: Position;
  key?: Position;
  children?: Map<string, PositionNode>;
}

/**
 * Positions of the values (and, for map entries, the keys) of a document, by field path, kept
 * as a tree so that forgetting a replaced subtree costs one deletion.
 */
export class PositionMap {
  private root: PositionNode = {};

  /** The map `toText()` wrote. */
  static fromText(text: string): PositionMap {
    const { files, root } = JSON.parse(text) as { files: string[]; root: PositionText };
    const position = (at: readonly [number, number, number]): Position => ({ file: files[at[0]], line: at[1], column: at[2] });
    const read = (node: PositionText): PositionNode => {
      const out: PositionNode = {};
      if (node.v !== undefined) out.value = position(node.v);
      if (node.k !== undefined) out.key = position(node.k);
      if (node.c !== undefined) out.children = new Map(node.c.map(([name, child]) => [name, read(child)]));
      return out;
    };
    const map = new PositionMap();
    map.root = read(root);
    return map;
  }

  /**
   * The map as text (JSON, each file named once): what a worker thread is sent. One string
   * crosses threads as one copy, where the tree's maps would be cloned node by node (a
   * flagship policy's positions took 20 ms that way), and a worker decodes it only if it
   * reports a problem.
   */
  toText(): string {
    const files: string[] = [];
    const fileIndex = new Map<string, number>();
    const position = (p: Position): [number, number, number] => {
      let index = fileIndex.get(p.file);
      if (index === undefined) {
        index = files.length;
        files.push(p.file);
        fileIndex.set(p.file, index);
      }
      return [index, p.line, p.column];
    };
    const write = (node: PositionNode): PositionText => ({
      ...(node.value === undefined ? {} : { v: position(node.value) }),
      ...(node.key === undefined ? {} : { k: position(node.key) }),
      ...(node.children === undefined ? {} : { c: [...node.children].map(([name, child]) => [name, write(child)] as [string, PositionText]) }),
    });
    const root = write(this.root);
    return JSON.stringify({ files, root });
  }

  /** Records the position of the value (and optionally the key) at `path`. */
  set(path: FieldPath, value: Position, key?: Position): void {
    const node = this.nodeAt(path, true) as PositionNode;
    node.value = value;
    if (key !== undefined) node.key = key;
  }

  /** Copies every position of `other` into this map (replacing positions at the same paths). */
  overlay(other: PositionMap): void {
    const copy = (from: PositionNode, to: PositionNode): void => {
      if (from.value !== undefined) to.value = from.value;
      if (from.key !== undefined) to.key = from.key;
      if (from.children === undefined) return;
      to.children ??= new Map();
      for (const [name, child] of from.children) {
        let target = to.children.get(name);
        if (target === undefined) {
          target = {};
          to.children.set(name, target);
        }
        copy(child, target);
      }
    };
    copy(other.root, this.root);
  }

  /** Forgets the position at `path`, and with `andBelow` every position under it too. */
  removeBelow(path: FieldPath, andBelow = true): void {
    if (path.length === 0) {
      delete this.root.value;
      delete this.root.key;
      if (andBelow) delete this.root.children;
      return;
    }
    const parent = this.nodeAt(path.slice(0, -1), false);
    const name = String(path[path.length - 1]);
    const node = parent?.children?.get(name);
    if (parent === undefined || node === undefined) return;
    if (andBelow) parent.children?.delete(name);
    else {
      delete node.value;
      delete node.key;
    }
  }

  /**
   * Best position for an issue at `path`: the value there, else (for a missing or unknown
   * field) the key or value of the nearest enclosing field that exists.
   */
  find(path: FieldPath, preferKey = false): Position | undefined {
    let node: PositionNode | undefined = this.root;
    let best = pick(node, preferKey);
    for (const part of path) {
      node = node.children?.get(String(part));
      if (node === undefined) break;
      best = pick(node, preferKey) ?? best;
    }
    return best;
  }

  private nodeAt(path: FieldPath, create: boolean): PositionNode | undefined {
    let node = this.root;
    for (const part of path) {
      const name = String(part);
      let child = node.children?.get(name);
      if (child === undefined) {
        if (!create) return undefined;
        child = {};
        node.children ??= new Map();
        node.children.set(name, child);
      }
      node = child;
    }
    return node;
  }
}

/** A node as toText writes it: positions as [file index, line, column], children as [name, node] pairs. */
interface PositionText {
  v?: readonly [number, number, number];
  k?: readonly [number, number, number];
  c?: readonly (readonly [string, PositionText])[];
}

function pick(node: PositionNode, preferKey: boolean): Position | undefined {
  return preferKey ? (node.key ?? node.value) : (node.value ?? node.key);
}
