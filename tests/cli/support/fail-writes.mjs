// Loaded with `node --import` into a CLI process, this makes the file-system calls on one output
// file fail as a full disk, a quota, a failing device or a lost permission would. The file is
// named by CHOKEPOINT_FAIL_FILE (a file name such as summary.json: it matches that file and the
// temporary it is written under first), the call by CHOKEPOINT_FAIL_AT (open, write, fsync or
// rename: the rename into that name) and the error by CHOKEPOINT_FAIL_CODE (ENOSPC, EDQUOT, EIO,
// EACCES, EROFS). Only writes fail; reads and every other file are untouched. The errors are
// shaped as Node's own (code, errno, syscall, path).
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";

const name = process.env.CHOKEPOINT_FAIL_FILE;
const at = process.env.CHOKEPOINT_FAIL_AT ?? "write";
const code = process.env.CHOKEPOINT_FAIL_CODE ?? "ENOSPC";
const ERRNO = { ENOSPC: -28, EDQUOT: -122, EIO: -5, EACCES: -13, EROFS: -30 };
const MESSAGES = { ENOSPC: "no space left on device", EDQUOT: "disk quota exceeded", EIO: "i/o error", EACCES: "permission denied", EROFS: "read-only file system" };

/** Whether `file` is the named output or a temporary it is written under (".NAME.PID.tmp"). */
const isTarget = (file) => {
  const base = path.basename(String(file));
  return base === name || (base.startsWith(`.${name}.`) && base.endsWith(".tmp"));
};

const fail = (syscall, file) => {
  const error = new Error(`${code}: ${MESSAGES[code] ?? "injected failure"}, ${syscall} '${file}'`);
  Object.assign(error, { code, errno: ERRNO[code] ?? -5, syscall, path: String(file) });
  throw error;
};

if (name !== undefined) {
  const original = { openSync: fs.openSync, writeSync: fs.writeSync, fsyncSync: fs.fsyncSync, closeSync: fs.closeSync, renameSync: fs.renameSync, writeFileSync: fs.writeFileSync };
  // Descriptors of the target opened for writing.
  const targets = new Set();
  fs.openSync = (file, flags = "r", ...rest) => {
    const isWrite = typeof flags === "string" ? /[wa+]/.test(flags) : (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0;
    if (isWrite && isTarget(file) && at === "open") fail("open", file);
    const fd = original.openSync(file, flags, ...rest);
    if (isWrite && isTarget(file)) targets.add(fd);
    return fd;
  };
  fs.writeSync = (fd, ...rest) => {
    if (at === "write" && targets.has(fd)) fail("write", name);
    return original.writeSync(fd, ...rest);
  };
  fs.fsyncSync = (fd) => {
    if (at === "fsync" && targets.has(fd)) fail("fsync", name);
    return original.fsyncSync(fd);
  };
  fs.closeSync = (fd) => {
    targets.delete(fd);
    return original.closeSync(fd);
  };
  fs.renameSync = (from, to) => {
    if (at === "rename" && path.basename(String(to)) === name) fail("rename", to);
    return original.renameSync(from, to);
  };
  fs.writeFileSync = (file, ...rest) => {
    if (isTarget(file)) fail(at === "open" ? "open" : "write", file);
    return original.writeFileSync(file, ...rest);
  };
  syncBuiltinESMExports();
}
