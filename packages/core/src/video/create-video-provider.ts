import { createHmac } from "node:crypto";
import type { Db } from "@mentora/db";
import {
  createLocalVideoProvider,
  createTwilioVideoProvider,
  type LocalRoomRecord,
  type LocalRoomStore,
  type VideoProvider,
  type VideoRoomStatus,
  type VideoRoomType,
} from "@mentora/video";
import type { Config } from "../config/index.ts";

/** The local provider's signing secret, derived from AUTH_SECRET: nothing more to configure. */
export function localVideoSecret(config: Config): string {
  return createHmac("sha256", config.auth.secret).update("video-local").digest("hex");
}

/** Twilio when configured, else the local stand-in whose rooms live in our database. */
export function createVideoProvider(config: Config, db: () => Db): VideoProvider {
  if (config.video.twilio) return createTwilioVideoProvider(config.video.twilio);
  return createLocalVideoProvider({
    secret: localVideoSecret(config),
    store: createDbLocalRoomStore(db),
  });
}

type Row = {
  sid: string;
  uniqueName: string;
  type: string;
  status: string;
  maxParticipants: number;
  createdAt: Date;
  endedAt: Date | null;
};

const recordOf = (row: Row): LocalRoomRecord => ({
  ...row,
  type: row.type as VideoRoomType,
  status: row.status as VideoRoomStatus,
});

/**
 * The local provider's rooms in the database, so the web (call page) and the worker (room jobs)
 * see the same rooms. A partial unique index keeps one in-progress room per unique name.
 */
export function createDbLocalRoomStore(db: () => Db): LocalRoomStore {
  return {
    async find(sidOrUniqueName) {
      const bySid = await db().localVideoRoom.findUnique({ where: { sid: sidOrUniqueName } });
      if (bySid) return recordOf(bySid);
      const byName = await db().localVideoRoom.findFirst({
        where: { uniqueName: sidOrUniqueName, status: "in-progress" },
      });
      return byName ? recordOf(byName) : null;
    },
    async insertIfAbsent(room) {
      // A concurrent insert of the same name (the partial unique index) or sid loses quietly.
      await db().$executeRaw`
        INSERT INTO local_video_room (sid, "uniqueName", type, status, "maxParticipants", "createdAt", "endedAt")
        VALUES (${room.sid}, ${room.uniqueName}, ${room.type}, ${room.status}, ${room.maxParticipants}, ${room.createdAt}, ${room.endedAt})
        ON CONFLICT DO NOTHING`;
      const holder = await db().localVideoRoom.findFirst({
        where: { uniqueName: room.uniqueName, status: "in-progress" },
      });
      return holder ? recordOf(holder) : room;
    },
    async complete(sid, endedAt) {
      await db().localVideoRoom.updateMany({
        where: { sid, status: "in-progress" },
        data: { status: "completed", endedAt },
      });
    },
  };
}
