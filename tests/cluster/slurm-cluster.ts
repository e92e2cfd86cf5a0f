// A throwaway single-node Slurm cluster for tests of the Slurm launchers.
//
// Everything lives in a fresh scratch folder of its own: slurm.conf (read by the daemons through
// `-f` and by the client commands through SLURM_CONF, so /etc/slurm is never written), the state,
// spool, pid and log files, and a private munged with its own key and socket (AuthInfo=socket=...),
// so a system munged or a real cluster on the same machine is neither used nor disturbed. The
// daemons listen on two free loopback ports picked at start. stop() cancels the cluster's jobs,
// ends the three daemons it started by the pids they wrote, and removes the scratch folder.
//
// Needs root (slurmd runs jobs as their owner; munged runs as the `munge` user) and the Debian
// packages slurmctld, slurmd, slurm-client and munge. Follows shared/reference/slurm-single-node.md.
import { spawnSync } from "node:child_process";
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import { delimiter, join } from "node:path";

const TOOLS = ["munged", "mungekey", "slurmctld", "slurmd", "sbatch", "sinfo", "squeue", "scontrol", "scancel"] as const;
type Tool = (typeof TOOLS)[number];

export type SlurmAvailability =
  | { installed: true; tools: Record<Tool, string> }
  | { installed: false; reason: string };

/** Where each Slurm/munge program is, or why the cluster cannot be started here. */
export function slurmAvailability(): SlurmAvailability {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/bin", "/sbin", "/bin"].filter(Boolean);
  const tools = {} as Record<Tool, string>;
  const missing: string[] = [];
  for (const tool of TOOLS) {
    const found = dirs.map((dir) => join(dir, tool)).find(isExecutable);
    if (found === undefined) missing.push(tool);
    else tools[tool] = found;
  }
  if (missing.length > 0) {
    return {
      installed: false,
      reason:
        `Slurm is not installed (missing: ${missing.join(", ")}); install it with ` +
        "`apt-get update && apt-get install -y slurmctld slurmd slurm-client munge` (as .ci/run does)",
    };
  }
  if (process.getuid?.() !== 0) return { installed: false, reason: "the single-node Slurm cluster needs root" };
  if (lookupId("-u", "munge") === undefined) return { installed: false, reason: "there is no `munge` user (is the munge package installed?)" };
  return { installed: true, tools };
}

export interface SlurmCluster {
  /** The scratch folder holding the configuration, state and logs. */
  readonly dir: string;
  /** The slurm.conf path (SLURM_CONF). */
  readonly conf: string;
  /** process.env plus SLURM_CONF: pass it to sbatch, squeue, the launchers. */
  readonly env: NodeJS.ProcessEnv;
  /** The last lines of the daemons' logs, for a failure message. */
  logs(lines?: number): string;
  /** Cancels the cluster's jobs, ends the daemons this helper started and removes the scratch folder. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How long to wait for the node to read idle (default 30 s). */
  readyTimeoutMs?: number;
  /** Keep the scratch folder after stop (for debugging). Default: env KEEP_SLURM_SCRATCH set. */
  keepScratch?: boolean;
}

interface Started {
  name: string;
  pid: number;
}

export async function startSlurmCluster(options: StartOptions = {}): Promise<SlurmCluster> {
  const availability = slurmAvailability();
  if (!availability.installed) throw new Error(availability.reason);
  const { tools } = availability;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const keepScratch = options.keepScratch ?? Boolean(process.env.KEEP_SLURM_SCRATCH);

  const dir = mkdtempSync(join(tmpdir(), "chokepoint-slurm-"));
  chmodSync(dir, 0o755); // the munge user must reach its folder inside
  const conf = join(dir, "slurm.conf");
  const env: NodeJS.ProcessEnv = { ...process.env, SLURM_CONF: conf };
  const started: Started[] = [];
  let stopped = false;

  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", stopSync);
    // Jobs first, while slurmctld and slurmd can still end their steps properly.
    if (started.some((d) => d.name === "slurmctld") && isAlive(started.find((d) => d.name === "slurmctld")!.pid)) {
      run(tools.scancel, ["--quiet", "--user", "root"], env);
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && jobCount(tools.squeue, env) > 0) sleepSync(200);
    }
    for (const daemon of [...started].reverse()) terminate(daemon);
    if (!keepScratch) rmSync(dir, { recursive: true, force: true });
  };
  // A test process that dies without reaching afterAll still ends the daemons.
  process.on("exit", stopSync);

  const cluster: SlurmCluster = {
    dir,
    conf,
    env,
    logs: (lines = 30) => tailLogs(dir, lines),
    stop: async () => stopSync(),
  };

  try {
    const mungeDir = join(dir, "munge");
    mkdirSync(mungeDir, { mode: 0o755 });
    mkdirSync(join(dir, "slurmd"));
    mkdirSync(join(dir, "state"));
    const mungeUid = lookupId("-u", "munge")!;
    const mungeGid = lookupId("-g", "munge")!;
    chownSync(mungeDir, mungeUid, mungeGid);
    const key = join(mungeDir, "munge.key");
    check(run(tools.mungekey, ["--create", "--keyfile", key], env), "mungekey --create");
    chownSync(key, mungeUid, mungeGid);
    chmodSync(key, 0o600);

    const socket = join(mungeDir, "munge.socket");
    const mungedPidFile = join(mungeDir, "munged.pid");
    const munged = spawnSync(
      tools.munged,
      [
        `--socket=${socket}`,
        `--key-file=${key}`,
        `--pid-file=${mungedPidFile}`,
        `--log-file=${join(mungeDir, "munged.log")}`,
        `--seed-file=${join(mungeDir, "munged.seed")}`,
      ],
      { uid: mungeUid, gid: mungeGid, env, encoding: "utf8", timeout: 15_000 },
    );
    check(munged, "munged");
    started.push({ name: "munged", pid: await readPid(mungedPidFile) });

    const [ctldPort, slurmdPort] = await freePorts(2);
    writeFileSync(conf, slurmConf(dir, socket, ctldPort, slurmdPort));
    writeFileSync(join(dir, "plugstack.conf"), ""); // no SPANK plugins from /etc/slurm
    check(run(tools.slurmctld, ["-f", conf], env), "slurmctld");
    started.push({ name: "slurmctld", pid: await readPid(join(dir, "slurmctld.pid")) });
    check(run(tools.slurmd, ["-f", conf, "-N", "localhost"], env), "slurmd");
    started.push({ name: "slurmd", pid: await readPid(join(dir, "slurmd.pid")) });

    const deadline = Date.now() + readyTimeoutMs;
    let state = "";
    while (Date.now() < deadline) {
      const sinfo = run(tools.sinfo, ["--noheader", "--Node", "--format=%T"], env);
      state = `${sinfo.stdout}${sinfo.stderr}`.trim();
      if (sinfo.status === 0 && state === "idle") return cluster;
      await sleep(250);
    }
    throw new Error(`the Slurm node did not read idle within ${readyTimeoutMs} ms (sinfo: ${state || "no output"})`);
  } catch (error) {
    const logs = tailLogs(dir, 20);
    stopSync();
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  }
}

function slurmConf(dir: string, mungeSocket: string, ctldPort: number, slurmdPort: number): string {
  // Slurm does not expand variables: every path is written out. CR_Core without memory as a
  // consumable, so RealMemory only has to be no more than the machine has.
  return `${[
    "ClusterName=chokepoint-test",
    "SlurmctldHost=localhost",
    `SlurmctldPort=${ctldPort}`,
    `SlurmdPort=${slurmdPort}`,
    "AuthType=auth/munge",
    "CredType=cred/munge",
    `AuthInfo=socket=${mungeSocket}`,
    "ProctrackType=proctrack/linuxproc",
    "TaskPlugin=task/none",
    "SchedulerType=sched/backfill",
    "SchedulerParameters=batch_sched_delay=0,sched_min_interval=0",
    "SelectType=select/cons_tres",
    "SelectTypeParameters=CR_Core",
    "ReturnToService=2",
    "SlurmUser=root",
    `SlurmctldPidFile=${join(dir, "slurmctld.pid")}`,
    `SlurmdPidFile=${join(dir, "slurmd.pid")}`,
    `SlurmdSpoolDir=${join(dir, "slurmd")}`,
    `StateSaveLocation=${join(dir, "state")}`,
    `SlurmctldLogFile=${join(dir, "slurmctld.log")}`,
    `SlurmdLogFile=${join(dir, "slurmd.log")}`,
    `PlugStackConfig=${join(dir, "plugstack.conf")}`,
    "JobCompType=jobcomp/none",
    "AccountingStorageType=accounting_storage/none",
    "MpiDefault=none",
    `NodeName=localhost NodeAddr=127.0.0.1 CPUs=${availableParallelism()} RealMemory=1000 State=UNKNOWN`,
    "PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
  ].join("\n")}\n`;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(command, args, { env, encoding: "utf8", timeout: 15_000 });
}

function check(result: ReturnType<typeof run>, what: string): void {
  if (result.error) throw new Error(`${what} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${what} exited with ${result.status ?? result.signal}: ${`${result.stderr}${result.stdout}`.trim()}`);
  }
}

function jobCount(squeue: string, env: NodeJS.ProcessEnv): number {
  const result = run(squeue, ["--noheader", "--format=%i"], env);
  if (result.status !== 0) return 0;
  return result.stdout.split("\n").filter((line) => line.trim() !== "").length;
}

/** SIGTERM, then SIGKILL after 10 s; only if the pid still runs the program we started. */
function terminate({ name, pid }: Started): void {
  if (!isAlive(pid) || !commandName(pid).startsWith(name)) return;
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && isAlive(pid)) sleepSync(100);
  if (isAlive(pid)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Running and not a zombie. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

async function readPid(file: string): Promise<number> {
  // The daemons write their pid file right after forking; give them a moment.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
      if (Number.isInteger(pid) && pid > 0) return pid;
    }
    await sleep(50);
  }
  throw new Error(`no pid in ${file}`);
}

function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  return Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            resolve(typeof address === "object" && address ? address.port : 0);
          });
        }),
    ),
  ).finally(() => servers.forEach((server) => server.close()));
}

function lookupId(flag: "-u" | "-g", user: string): number | undefined {
  const result = spawnSync("id", [flag, user], { encoding: "utf8" });
  const id = Number.parseInt(result.stdout, 10);
  return result.status === 0 && Number.isInteger(id) ? id : undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function tailLogs(dir: string, lines: number): string {
  return ["slurmctld.log", "slurmd.log", "munge/munged.log"]
    .map((name) => {
      const file = join(dir, name);
      if (!existsSync(file)) return `--- ${name}: none`;
      const text = readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
      return `--- ${name} (last ${lines} lines)\n${text}`;
    })
    .join("\n");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
