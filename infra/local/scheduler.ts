import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { ScheduleFunction } from '../../functions/manifest';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws';
import { invoke, type Invocation, type LambdaFunction } from './lambda';
import type { Log } from './log';
import { nextFireTime, parseSchedule, type Schedule } from './schedule';

/**
 * The event a scheduled function receives: EventBridge Scheduler's default notification (the CDK app's targets set
 * no input). Unlike EventBridge rules, the scheduler sends `detail` as the string "{}".
 */
export function scheduledEvent(name: string, time: Date): ScheduledEvent<string> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: LOCAL_ACCOUNT_ID,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: LOCAL_REGION,
    resources: [`arn:aws:scheduler:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:schedule/default/${name}`],
    detail: '{}',
  };
}

export interface ScheduleInfo {
  name: string;
  expression: string;
  description: string;
  next: string | null;
  lastRun: { at: string; ok: boolean; ms: number; error?: string } | null;
}

export interface Scheduler {
  list(): ScheduleInfo[];
  /** Runs a scheduled function now (the console's "run now"); undefined when there is no such schedule. */
  run(name: string): Promise<Invocation | undefined>;
  stop(): void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** EventBridge Scheduler for the manifest's scheduled functions, firing in this process at the UTC times due. */
export function startScheduler(o: { defs: ScheduleFunction[]; functions: Map<string, LambdaFunction>; log: Log; now?: () => Date }): Scheduler {
  const now = o.now ?? (() => new Date());
  const started = now();
  const entries = o.defs.map((def) => {
    const fn = o.functions.get(def.name);
    if (!fn) throw new Error(`No function ${def.name}`);
    return { def, fn, schedule: parseSchedule(def.schedule) as Schedule, next: undefined as Date | undefined, timer: undefined as NodeJS.Timeout | undefined, lastRun: null as ScheduleInfo['lastRun'] };
  });
  let stopped = false;

  const fire = async (entry: (typeof entries)[number], time: Date): Promise<Invocation> => {
    const outcome = await invoke(entry.fn, scheduledEvent(entry.def.name, time));
    entry.lastRun = { at: time.toISOString(), ok: outcome.ok, ms: outcome.ms, ...(outcome.ok ? {} : { error: outcome.error.message }) };
    if (outcome.ok) o.log.info(`${entry.def.name} ran in ${outcome.ms}ms`);
    else o.log.error(`${entry.def.name} failed`, outcome.error);
    return outcome;
  };

  const arm = (entry: (typeof entries)[number]) => {
    if (stopped) return;
    entry.next = nextFireTime(entry.schedule, now(), started);
    if (!entry.next) return;
    const due = entry.next;
    const wait = () => {
      const left = due.getTime() - now().getTime();
      entry.timer = setTimeout(
        () => {
          if (left > MAX_TIMER_MS) return wait();
          void fire(entry, due).finally(() => arm(entry));
        },
        Math.min(Math.max(0, left), MAX_TIMER_MS),
      );
      entry.timer.unref();
    };
    wait();
  };
  for (const e of entries) arm(e);

  return {
    list: () =>
      entries.map((e) => ({
        name: e.def.name,
        expression: e.def.schedule,
        description: e.def.description,
        next: e.next?.toISOString() ?? null,
        lastRun: e.lastRun,
      })),
    run: async (name) => {
      const entry = entries.find((e) => e.def.name === name);
      return entry ? fire(entry, now()) : undefined;
    },
    stop: () => {
      stopped = true;
      for (const e of entries) clearTimeout(e.timer);
    },
  };
}
