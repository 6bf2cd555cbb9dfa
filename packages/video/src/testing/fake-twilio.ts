import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import {
  type BodyParams,
  createSpecValidator,
  loadTwilioVideoSpec,
  type SpecValidator,
} from "./twilio-spec.ts";

export interface FakeTwilioOptions {
  specsDir: string;
  /** 0 (default) takes a free port. */
  port?: number;
  accountSid?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  authToken?: string;
}

/** Twilio's JSON error body. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  operationId: "CreateRoom" | "FetchRoom" | "UpdateRoom" | null;
  body: BodyParams;
  status: number;
  outcome: "answered" | "hung";
}

export interface FakeRoom {
  sid: string;
  uniqueName: string;
  type: string;
  status: "in-progress" | "completed" | "failed";
  maxParticipants: number;
  statusCallback: string | null;
  statusCallbackMethod: "GET" | "POST";
  dateCreated: Date;
  endTime: Date | null;
  participants: { sid: string; identity: string; connectedAt: Date }[];
  sequence: number;
}

/** A status callback Twilio would make: where to and with what. */
export interface PendingCallback {
  url: string;
  params: Record<string, string>;
}

/** Twilio's per-type limits for MaxParticipants (above them: 53107). */
const MAX_PARTICIPANTS: Record<string, number> = {
  go: 2,
  "peer-to-peer": 10,
  "group-small": 4,
  group: 50,
};

// Twilio's error codes: https://www.twilio.com/docs/api/errors
const ERRORS = {
  invalidParameter: 20001,
  unauthorized: 20003,
  notFound: 20404,
  internal: 20500,
  tooManyParticipants: 53105,
  maxParticipantsOutOfRange: 53107,
  statusInvalid: 53112,
  roomExists: 53113,
} as const;

function twilioError(status: number, code: number, message: string) {
  const body: TwilioErrorBody = {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  };
  return { status, body };
}

const sidOf = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;
// Twilio's dates have no milliseconds.
const isoSeconds = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/**
 * A local Twilio Video v1 (Rooms) on 127.0.0.1. Every request is checked like Twilio would:
 * basic auth with the configured API key (or account sid and auth token), a form body whose
 * parameters, enums and types match twilio_video_v1.json (unknown parameters refused too), then
 * Twilio's room rules: one in-progress room per unique name (53113), MaxParticipants per type
 * (53107), completing only in-progress rooms (53112). Faults make the next calls fail with 503
 * or never answer; participants can be connected (up to MaxParticipants, else 53105) to produce
 * the status callbacks Twilio would send, signed with the auth token.
 */
export async function startFakeTwilio(options: FakeTwilioOptions) {
  const spec = await loadTwilioVideoSpec(options.specsDir);
  const validator: SpecValidator = createSpecValidator(spec);
  const accountSid = options.accountSid ?? `AC${"a1".repeat(16)}`;
  const apiKeySid = options.apiKeySid ?? `SK${"b2".repeat(16)}`;
  const apiKeySecret = options.apiKeySecret ?? "fake-api-key-secret";
  const authToken = options.authToken ?? "fake-auth-token";
  const rooms: FakeRoom[] = [];
  const requests: RecordedRequest[] = [];
  const specViolations: string[] = [];
  const pendingCallbacks: PendingCallback[] = [];
  const faults: ("503" | "hang")[] = [];
  const held = new Set<ServerResponse>();
  let url = "";

  const validCredentials = new Set([
    `Basic ${Buffer.from(`${apiKeySid}:${apiKeySecret}`).toString("base64")}`,
    `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`,
  ]);

  /** The room with this sid, or the in-progress room with this unique name (as Twilio). */
  function findRoom(sidOrName: string): FakeRoom | undefined {
    return (
      rooms.find((r) => r.sid === sidOrName) ??
      rooms.find((r) => r.uniqueName === sidOrName && r.status === "in-progress")
    );
  }

  function roomJson(room: FakeRoom) {
    const roomUrl = `${url}/v1/Rooms/${room.sid}`;
    return {
      account_sid: accountSid,
      date_created: isoSeconds(room.dateCreated),
      date_updated: isoSeconds(room.endTime ?? room.dateCreated),
      status: room.status,
      type: room.type,
      sid: room.sid,
      enable_turn: true,
      unique_name: room.uniqueName,
      max_concurrent_published_tracks: room.type === "group" ? 170 : 0,
      max_participants: room.maxParticipants,
      max_participant_duration: 14400,
      duration: room.endTime
        ? Math.round((room.endTime.getTime() - room.dateCreated.getTime()) / 1000)
        : null,
      status_callback_method: room.statusCallbackMethod,
      status_callback: room.statusCallback,
      record_participants_on_connect: false,
      video_codecs: ["VP8", "H264"],
      media_region: "us1",
      audio_only: false,
      empty_room_timeout: 5,
      unused_room_timeout: 5,
      end_time: room.endTime ? isoSeconds(room.endTime) : null,
      large_room: false,
      url: roomUrl,
      links: {
        participants: `${roomUrl}/Participants`,
        recordings: `${roomUrl}/Recordings`,
        transcriptions: `${roomUrl}/Transcriptions`,
        recording_rules: `${roomUrl}/RecordingRules`,
      },
    };
  }

  /** Queues the callback Twilio would send for this room event, if the room asked for them. */
  function roomEvent(
    room: FakeRoom,
    event: string,
    extra: Record<string, string> = {},
  ): PendingCallback | null {
    room.sequence += 1;
    const params: Record<string, string> = {
      AccountSid: accountSid,
      RoomName: room.uniqueName,
      RoomSid: room.sid,
      RoomStatus: room.status,
      RoomType: room.type,
      StatusCallbackEvent: event,
      Timestamp: new Date().toISOString(),
      SequenceNumber: String(room.sequence - 1),
      ...extra,
    };
    if (room.endTime) {
      params.RoomDuration = String(
        Math.round((room.endTime.getTime() - room.dateCreated.getTime()) / 1000),
      );
    }
    const callback = { url: room.statusCallback ?? "", params };
    if (room.statusCallback) pendingCallbacks.push(callback);
    return callback;
  }

  function createRoom(body: Record<string, unknown>) {
    const type = (body.Type as string | undefined) ?? "group";
    const limit = MAX_PARTICIPANTS[type] ?? 50;
    const maxParticipants = (body.MaxParticipants as number | undefined) ?? limit;
    if (maxParticipants < 1 || maxParticipants > limit) {
      return twilioError(
        400,
        ERRORS.maxParticipantsOutOfRange,
        `MaxParticipants is out of range: ${type} rooms take 1 to ${limit}`,
      );
    }
    const uniqueName = body.UniqueName as string | undefined;
    if (uniqueName && findRoom(uniqueName)?.status === "in-progress") {
      return twilioError(400, ERRORS.roomExists, "Room exists");
    }
    const sid = sidOf("RM");
    const room: FakeRoom = {
      sid,
      uniqueName: uniqueName ?? sid,
      type,
      status: "in-progress",
      maxParticipants,
      statusCallback: (body.StatusCallback as string | undefined) ?? null,
      statusCallbackMethod: (body.StatusCallbackMethod as "GET" | "POST" | undefined) ?? "POST",
      dateCreated: new Date(),
      endTime: null,
      participants: [],
      sequence: 0,
    };
    rooms.push(room);
    roomEvent(room, "room-created");
    return { status: 201, body: roomJson(room) };
  }

  function endRoom(room: FakeRoom): void {
    room.status = "completed";
    room.endTime = new Date();
    for (const participant of [...room.participants]) disconnect(room, participant.sid);
    roomEvent(room, "room-ended");
  }

  function disconnect(room: FakeRoom, participantSid: string): PendingCallback | null {
    const index = room.participants.findIndex((p) => p.sid === participantSid);
    const [participant] = index >= 0 ? room.participants.splice(index, 1) : [];
    if (!participant) return null;
    const seconds = Math.round((Date.now() - participant.connectedAt.getTime()) / 1000);
    return roomEvent(room, "participant-disconnected", {
      ParticipantSid: participant.sid,
      ParticipantIdentity: participant.identity,
      ParticipantStatus: "disconnected",
      ParticipantDuration: String(seconds),
    });
  }

  function route(method: string, pathname: string) {
    if (pathname === "/v1/Rooms" && method === "POST") {
      return { operationId: "CreateRoom" as const, sid: null };
    }
    const match = /^\/v1\/Rooms\/([^/]+)$/.exec(pathname);
    if (match?.[1] && method === "GET") {
      return { operationId: "FetchRoom" as const, sid: decodeURIComponent(match[1]) };
    }
    if (match?.[1] && method === "POST") {
      return { operationId: "UpdateRoom" as const, sid: decodeURIComponent(match[1]) };
    }
    return null;
  }

  function answer(
    req: IncomingMessage,
    pathname: string,
    rawBody: string,
    record: RecordedRequest,
  ): { status: number; body: unknown } {
    const method = record.method;
    const matched = route(method, pathname);
    if (!validCredentials.has(req.headers.authorization ?? "")) {
      return twilioError(401, ERRORS.unauthorized, "Authenticate");
    }
    if (!matched) {
      return twilioError(404, ERRORS.notFound, `The requested resource ${pathname} was not found`);
    }
    record.operationId = matched.operationId;
    if (
      method === "POST" &&
      !req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")
    ) {
      return twilioError(400, ERRORS.invalidParameter, "Form-encoded bodies only");
    }
    if (matched.operationId === "FetchRoom") {
      if (rawBody || new URL(req.url ?? "/", "http://x").search) {
        return twilioError(400, ERRORS.invalidParameter, "FetchRoom takes no parameters");
      }
      const room = findRoom(matched.sid ?? "");
      return room
        ? { status: 200, body: roomJson(room) }
        : twilioError(404, ERRORS.notFound, `The requested resource ${pathname} was not found`);
    }
    const form = validator.formBody(matched.operationId, rawBody);
    record.body = form;
    const checked = validator.checkBody(matched.operationId, form);
    if (checked.refusal) {
      return twilioError(400, ERRORS.invalidParameter, checked.refusal.message);
    }
    if (matched.operationId === "CreateRoom") return createRoom(checked.body);
    const room = findRoom(matched.sid ?? "");
    if (!room) {
      return twilioError(404, ERRORS.notFound, `The requested resource ${pathname} was not found`);
    }
    if (checked.body.Status !== "completed" || room.status !== "in-progress") {
      return twilioError(400, ERRORS.statusInvalid, "Status is invalid");
    }
    endRoom(room);
    return { status: 202, body: roomJson(room) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const pathname = new URL(req.url ?? "/", "http://fake-twilio").pathname;
    const rawBody = await readBody(req);
    const record: RecordedRequest = {
      method,
      path: pathname,
      operationId: null,
      body: {},
      status: 0,
      outcome: "answered",
    };
    requests.push(record);
    const send = (status: number, body: unknown) => {
      record.status = status;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const fault = faults.shift();
    if (fault === "hang") {
      // The request is taken and never answered: the client's timeout must fire.
      record.outcome = "hung";
      held.add(res);
      res.on("close", () => held.delete(res));
      return;
    }
    if (fault === "503") {
      const error = twilioError(503, ERRORS.internal, "Service Unavailable");
      send(error.status, error.body);
      return;
    }
    const response = answer(req, pathname, rawBody, record);
    const operation = record.operationId ? validator.operations[record.operationId] : null;
    if (operation && response.status < 300) {
      specViolations.push(...validator.checkResponse(operation, response.status, response.body));
    }
    send(response.status, response.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`fake Twilio failed: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function signStatusCallback(target: string, params: Record<string, string>): string {
    return twilio.getExpectedTwilioSignature(authToken, target, params);
  }

  return {
    /** Base URL for createTwilioVideoProvider({ baseUrl }). */
    url,
    accountSid,
    apiKeySid,
    apiKeySecret,
    authToken,
    requests,
    /** Answers of the fake that do not match the spec's response schemas: a fake bug. */
    specViolations,
    /** The status callbacks Twilio would have sent, oldest first, for rooms that asked. */
    pendingCallbacks,

    rooms(): FakeRoom[] {
      return rooms.map((room) => structuredClone(room));
    },

    /** The next `count` requests fail: "503" answers Service Unavailable, "hang" never answers. */
    failNext(count: number, mode: "503" | "hang"): void {
      for (let i = 0; i < count; i += 1) faults.push(mode);
    },

    /** A browser joining the room (53105 when it is full, as twilio-video reports). */
    connectParticipant(roomSidOrName: string, identity: string) {
      const room = findRoom(roomSidOrName);
      if (room?.status !== "in-progress") {
        throw Object.assign(new Error("Room not found or not in progress"), { code: 53106 });
      }
      if (room.participants.length >= room.maxParticipants) {
        throw Object.assign(new Error("Room contains too many Participants"), {
          code: ERRORS.tooManyParticipants,
        });
      }
      const participant = { sid: sidOf("PA"), identity, connectedAt: new Date() };
      room.participants.push(participant);
      const callback = roomEvent(room, "participant-connected", {
        ParticipantSid: participant.sid,
        ParticipantIdentity: identity,
        ParticipantStatus: "connected",
      });
      return { participantSid: participant.sid, callback: callback as PendingCallback };
    },

    disconnectParticipant(roomSidOrName: string, participantSid: string): PendingCallback | null {
      const room = findRoom(roomSidOrName);
      return room ? disconnect(room, participantSid) : null;
    },

    /** The X-Twilio-Signature Twilio would put on this callback (twilio's own helper). */
    signStatusCallback,

    /** POSTs a status callback as Twilio does: form-encoded, signed with the auth token. */
    async sendStatusCallback(
      target: string,
      params: Record<string, string>,
    ): Promise<{ status: number; signature: string }> {
      const signature = signStatusCallback(target, params);
      const response = await fetch(target, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signature,
          "user-agent": "TwilioProxy/1.1",
        },
        body: new URLSearchParams(params).toString(),
      });
      await response.arrayBuffer();
      return { status: response.status, signature };
    },

    async close(): Promise<void> {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
