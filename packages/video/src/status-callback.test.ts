import { describe, expect, it } from "vitest";
import {
  isValidRequestSignature,
  parseRoomStatusCallback,
  requestSignature,
} from "./status-callback.ts";
import { independentTwilioSignature, TWILIO_EXAMPLE } from "./testing/test-support.ts";

const base = {
  AccountSid: `AC${"a".repeat(32)}`,
  RoomName: "booking-session:s1",
  RoomSid: `RM${"1".repeat(32)}`,
  RoomStatus: "in-progress",
  RoomType: "go",
  Timestamp: "2026-03-01T10:00:05.120Z",
};
const participant = {
  ParticipantSid: `PA${"2".repeat(32)}`,
  ParticipantIdentity: "user_42",
};

describe("the request signature", () => {
  it("matches Twilio's published example", () => {
    const { authToken, url, params, signature } = TWILIO_EXAMPLE;
    expect(requestSignature(authToken, url, params)).toBe(signature);
    expect(isValidRequestSignature(authToken, url, params, signature)).toBe(true);
  });

  it("matches an independent implementation, whatever the parameters' order", () => {
    const params = { ...base, StatusCallbackEvent: "room-created", SequenceNumber: "0" };
    const reversed = Object.fromEntries(Object.entries(params).reverse());
    const url = "https://mentora.test/api/video/callbacks?provider=twilio";
    const expected = independentTwilioSignature("secret", url, params);
    expect(requestSignature("secret", url, reversed)).toBe(expected);
  });

  it("refuses a tampered parameter, URL, signature or key, and a missing signature", () => {
    const { authToken, url, params, signature } = TWILIO_EXAMPLE;
    expect(isValidRequestSignature(authToken, url, { ...params, Digits: "9999" }, signature)).toBe(
      false,
    );
    expect(isValidRequestSignature(authToken, url, { ...params, Extra: "1" }, signature)).toBe(
      false,
    );
    expect(isValidRequestSignature(authToken, `${url}&baz=3`, params, signature)).toBe(false);
    expect(isValidRequestSignature(authToken, url, params, `x${signature.slice(1)}`)).toBe(false);
    expect(isValidRequestSignature(authToken, url, params, signature.slice(1))).toBe(false);
    expect(isValidRequestSignature("54321", url, params, signature)).toBe(false);
    expect(isValidRequestSignature(authToken, url, params, undefined)).toBe(false);
    expect(isValidRequestSignature(authToken, url, params, "")).toBe(false);
  });
});

describe("parseRoomStatusCallback", () => {
  it("normalizes room-created and room-ended", () => {
    const created = parseRoomStatusCallback("twilio", {
      ...base,
      StatusCallbackEvent: "room-created",
      SequenceNumber: "0",
    });
    expect(created).toEqual({
      eventId: `twilio:${base.RoomSid}:room-created:-:0`,
      type: "room-created",
      roomSid: base.RoomSid,
      roomName: "booking-session:s1",
      occurredAt: new Date("2026-03-01T10:00:05.120Z"),
    });
    const ended = parseRoomStatusCallback("twilio", {
      ...base,
      RoomStatus: "completed",
      RoomDuration: "3600",
      StatusCallbackEvent: "room-ended",
      SequenceNumber: "7",
    });
    expect(ended?.type).toBe("room-ended");
    expect(ended?.participantSid).toBeUndefined();
  });

  it("normalizes participant-connected and participant-disconnected", () => {
    const connected = parseRoomStatusCallback("twilio", {
      ...base,
      ...participant,
      ParticipantStatus: "connected",
      StatusCallbackEvent: "participant-connected",
      SequenceNumber: "1",
    });
    expect(connected).toMatchObject({
      type: "participant-connected",
      participantSid: participant.ParticipantSid,
      participantIdentity: "user_42",
    });
    expect(connected?.participantDurationSeconds).toBeUndefined();
    const disconnected = parseRoomStatusCallback("twilio", {
      ...base,
      ...participant,
      ParticipantStatus: "disconnected",
      ParticipantDuration: "1812",
      StatusCallbackEvent: "participant-disconnected",
      SequenceNumber: "2",
    });
    expect(disconnected).toMatchObject({
      type: "participant-disconnected",
      participantIdentity: "user_42",
      participantDurationSeconds: 1812,
    });
  });

  it("gives a redelivered callback the same eventId and a different event another", () => {
    const params = {
      ...base,
      ...participant,
      StatusCallbackEvent: "participant-connected",
      SequenceNumber: "3",
    };
    const first = parseRoomStatusCallback("twilio", params);
    const again = parseRoomStatusCallback(
      "twilio",
      Object.fromEntries(Object.entries(params).reverse()),
    );
    expect(again?.eventId).toBe(first?.eventId);
    const rejoined = parseRoomStatusCallback("twilio", { ...params, SequenceNumber: "5" });
    expect(rejoined?.eventId).not.toBe(first?.eventId);
    const other = parseRoomStatusCallback("twilio", {
      ...params,
      ParticipantSid: `PA${"3".repeat(32)}`,
    });
    expect(other?.eventId).not.toBe(first?.eventId);
    expect(parseRoomStatusCallback("local", params)?.eventId).not.toBe(first?.eventId);
  });

  it("returns null for events we do not use and for incomplete callbacks", () => {
    expect(
      parseRoomStatusCallback("twilio", { ...base, StatusCallbackEvent: "track-added" }),
    ).toBeNull();
    expect(
      parseRoomStatusCallback("twilio", { ...base, StatusCallbackEvent: "recording-started" }),
    ).toBeNull();
    expect(parseRoomStatusCallback("twilio", { ...base })).toBeNull();
    expect(
      parseRoomStatusCallback("twilio", { ...base, StatusCallbackEvent: "participant-connected" }),
    ).toBeNull();
    expect(
      parseRoomStatusCallback("twilio", {
        ...base,
        Timestamp: "yesterday",
        StatusCallbackEvent: "room-ended",
      }),
    ).toBeNull();
  });
});
