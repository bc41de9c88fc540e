import type { Envelope } from '../../../events/envelope';
import type { ProfileRecord } from '../../../shared/domain/profile';
import { zoneKey } from '../../../shared/domain/reports/schedule';
import { USER_SHARDS, userShard } from '../../../shared/adapters/keys';
import type { ReportScheduleDeps } from '../../../shared/use-cases/report-schedule';

type Profile = Partial<ProfileRecord> & { userId: string };

/**
 * In-memory by-zone users index and zone registry (shared/adapters/profiles.ts's `profilesInZonePage`,
 * `reportZones`, `profilesPage`) with a queue that records what is published: the deps of the report schedule.
 * Profiles are placed by the real zone key and shard hash; `move` changes a zone as `PATCH /me` does (index and
 * registry together). Every page read is counted, so a test can prove the schedule itself reads no user.
 */
export function usersByZone(profiles: Profile[] = []) {
  const users = new Map<string, Profile>();
  const registry = new Set<string>(['UTC']);
  const published: { queue: string; event: Envelope }[] = [];
  const reads: { zone: string | null; shard: number }[] = [];
  const put = (p: Profile) => {
    users.set(p.userId, p);
    registry.add(zoneKey(p.timezone));
  };
  profiles.forEach(put);
  const page = (members: Profile[], start: Record<string, unknown> | undefined, size: number) => {
    const sorted = [...members].sort((a, b) => (a.userId < b.userId ? -1 : 1));
    const from = Number(start?.at ?? 0);
    return { profiles: sorted.slice(from, from + size), ...(from + size < sorted.length ? { next: { at: from + size } } : {}) };
  };
  const deps: ReportScheduleDeps = {
    shards: USER_SHARDS,
    publish: async (queue, events) => void published.push(...events.map((event) => ({ queue, event }))),
    profilesPage: async (shard, start, size) => {
      reads.push({ zone: null, shard });
      return page([...users.values()].filter((u) => userShard(u.userId) === shard), start, size);
    },
    profilesInZonePage: async (zone, shard, start, size) => {
      reads.push({ zone, shard });
      return page([...users.values()].filter((u) => userShard(u.userId) === shard && zoneKey(u.timezone) === zone), start, size);
    },
    reportZones: async () => [...registry],
  };
  return {
    deps,
    published,
    reads,
    put,
    move: (userId: string, timezone: string) => {
      const u = users.get(userId);
      if (u) put({ ...u, timezone });
    },
    of: (type: string) => published.filter((p) => p.event.type === type).map((p) => p.event),
    clear: () => {
      published.length = 0;
      reads.length = 0;
    },
  };
}
