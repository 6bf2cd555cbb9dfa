import type { VideoRoomStatus, VideoRoomType } from "../provider.ts";

export interface LocalRoomRecord {
  sid: string;
  uniqueName: string;
  type: VideoRoomType;
  status: VideoRoomStatus;
  maxParticipants: number;
  createdAt: Date;
  endedAt: Date | null;
}

/**
 * Where the local provider keeps its rooms: core passes a database-backed store, tests the
 * memory one. Like Twilio, a unique name belongs to at most one in-progress room at a time.
 */
export interface LocalRoomStore {
  /** The room with this sid, or else the in-progress room with this unique name. */
  find(sidOrUniqueName: string): Promise<LocalRoomRecord | null>;
  /**
   * Inserts the room unless an in-progress room already has its unique name, and returns the
   * room that holds the name afterwards. Must be atomic (e.g. a unique index on unique_name
   * where status = 'in-progress'), so two concurrent ensureRoom calls get one room.
   */
  insertIfAbsent(room: LocalRoomRecord): Promise<LocalRoomRecord>;
  /** Marks the room completed if it is in progress; nothing otherwise. */
  complete(sid: string, endedAt: Date): Promise<void>;
}

export function createMemoryLocalRoomStore(): LocalRoomStore & {
  all(): LocalRoomRecord[];
} {
  const rooms: LocalRoomRecord[] = [];
  const inProgress = (name: string) =>
    rooms.find((r) => r.uniqueName === name && r.status === "in-progress");
  return {
    async find(sidOrUniqueName) {
      const room = rooms.find((r) => r.sid === sidOrUniqueName) ?? inProgress(sidOrUniqueName);
      return room ? { ...room } : null;
    },
    async insertIfAbsent(room) {
      const existing = inProgress(room.uniqueName);
      if (existing) return { ...existing };
      rooms.push({ ...room });
      return { ...room };
    },
    async complete(sid, endedAt) {
      const room = rooms.find((r) => r.sid === sid);
      if (room?.status === "in-progress") {
        room.status = "completed";
        room.endedAt = endedAt;
      }
    },
    all: () => rooms.map((r) => ({ ...r })),
  };
}
