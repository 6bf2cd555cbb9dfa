import { trpc } from "~/lib/trpc.browser";

export interface JoinGrant {
  provider: "twilio" | "local";
  token: string;
  roomName: string;
  identity: string;
}

/** What the page shows of someone else in the call (Twilio: their media tracks). */
export interface RemoteTile {
  identity: string;
  video: MediaStreamTrack | null;
  audio: MediaStreamTrack | null;
}

export interface CallEvents {
  remote(tiles: RemoteTile[]): void;
  /** Twilio reconnects by itself after a network change; "lost" needs a new join. */
  state(state: "connected" | "reconnecting" | "lost"): void;
}

export interface MediaChoice {
  withMedia: boolean;
  audioDeviceId?: string;
  videoDeviceId?: string;
  noiseCancellation: boolean;
}

export interface CallConnection {
  /** The camera as sent (for the self view), null without one. */
  localVideo(): MediaStreamTrack | null;
  setMicrophone(on: boolean): void;
  setCamera(on: boolean): void;
  switchDevice(kind: "audio" | "video", deviceId: string): Promise<void>;
  /** Krisp on Twilio; false when not available. */
  setNoiseCancellation(on: boolean): Promise<boolean>;
  leave(): Promise<void>;
}

function constraint(deviceId: string | undefined): MediaTrackConstraints | boolean {
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}

/**
 * The local stand-in: no media leaves the browser. The camera shows in the self view only, and
 * presence goes through our server (video.localPresence), which records it as Twilio's callbacks
 * would; the page sees the others in video.presence.
 */
export async function connectLocal(grant: JoinGrant, choice: MediaChoice): Promise<CallConnection> {
  let stream: MediaStream | null = null;
  if (choice.withMedia) {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: constraint(choice.audioDeviceId),
      video: constraint(choice.videoDeviceId),
    });
  }
  let participantSid: string;
  try {
    ({ participantSid } = await trpc().video.localPresence.mutate({
      token: grant.token,
      action: "connect",
    }));
  } catch (error) {
    // Not joined: the camera must not stay on.
    for (const track of stream?.getTracks() ?? []) track.stop();
    throw error;
  }
  const payload = { token: grant.token, action: "disconnect" as const, participantSid };
  // Closing the tab still says goodbye (a beacon survives the page; tRPC reads its JSON body).
  const onPageHide = () => {
    navigator.sendBeacon(
      "/api/trpc/video.localPresence",
      new Blob([JSON.stringify({ json: payload })], { type: "application/json" }),
    );
  };
  window.addEventListener("pagehide", onPageHide);
  let left = false;
  const stopAll = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
  };
  return {
    localVideo: () => stream?.getVideoTracks()[0] ?? null,
    setMicrophone(on) {
      for (const track of stream?.getAudioTracks() ?? []) track.enabled = on;
    },
    setCamera(on) {
      for (const track of stream?.getVideoTracks() ?? []) track.enabled = on;
    },
    async switchDevice(kind, deviceId) {
      if (!stream) return;
      const fresh = await navigator.mediaDevices.getUserMedia(
        kind === "audio" ? { audio: constraint(deviceId) } : { video: constraint(deviceId) },
      );
      const old = kind === "audio" ? stream.getAudioTracks() : stream.getVideoTracks();
      for (const track of old) {
        track.stop();
        stream.removeTrack(track);
      }
      for (const track of fresh.getTracks()) stream.addTrack(track);
    },
    async setNoiseCancellation() {
      return false;
    },
    async leave() {
      if (left) return;
      left = true;
      window.removeEventListener("pagehide", onPageHide);
      stopAll();
      await trpc().video.localPresence.mutate(payload);
    },
  };
}

/** Twilio Video through `twilio-video` (bundled by Vite, loaded on join: never a CDN script). */
export async function connectTwilio(
  grant: JoinGrant,
  choice: MediaChoice,
  events: CallEvents,
): Promise<CallConnection> {
  const Video = await import("twilio-video");
  const tracks = choice.withMedia
    ? await Video.createLocalTracks({
        audio: {
          ...(choice.audioDeviceId ? { deviceId: { exact: choice.audioDeviceId } } : {}),
          // Krisp's assets are served by this app (/krisp/...), never by a CDN.
          ...(choice.noiseCancellation
            ? { noiseCancellationOptions: { sdkAssetsPath: "/krisp", vendor: "krisp" as const } }
            : {}),
        },
        video: choice.videoDeviceId ? { deviceId: { exact: choice.videoDeviceId } } : true,
      })
    : [];
  let room: import("twilio-video").Room;
  try {
    room = await Video.connect(grant.token, { name: grant.roomName, tracks });
  } catch (error) {
    // Not joined: the camera must not stay on.
    for (const track of tracks) if ("stop" in track) track.stop();
    throw error;
  }
  const tiles = new Map<string, RemoteTile>();
  const publish = () => events.remote([...tiles.values()]);
  const watch = (participant: import("twilio-video").RemoteParticipant) => {
    tiles.set(participant.identity, { identity: participant.identity, video: null, audio: null });
    const update = () => {
      let video: MediaStreamTrack | null = null;
      let audio: MediaStreamTrack | null = null;
      for (const publication of participant.tracks.values()) {
        const track = publication.track;
        if (!track || !("mediaStreamTrack" in track)) continue;
        if (track.kind === "video") video = track.mediaStreamTrack;
        if (track.kind === "audio") audio = track.mediaStreamTrack;
      }
      tiles.set(participant.identity, { identity: participant.identity, video, audio });
      publish();
    };
    participant.on("trackSubscribed", update);
    participant.on("trackUnsubscribed", update);
    update();
  };
  room.participants.forEach(watch);
  room.on("participantConnected", watch);
  room.on("participantDisconnected", (participant) => {
    tiles.delete(participant.identity);
    publish();
  });
  room.on("reconnecting", () => events.state("reconnecting"));
  room.on("reconnected", () => events.state("connected"));
  room.on("disconnected", (_room, error) => {
    if (error) events.state("lost");
  });
  const local = () => [...room.localParticipant.tracks.values()].map((p) => p.track);
  const audioTrack = () =>
    local().find((t): t is import("twilio-video").LocalAudioTrack => t.kind === "audio");
  const videoTrack = () =>
    local().find((t): t is import("twilio-video").LocalVideoTrack => t.kind === "video");
  const onPageHide = () => room.disconnect();
  window.addEventListener("pagehide", onPageHide);
  return {
    localVideo: () => videoTrack()?.mediaStreamTrack ?? null,
    setMicrophone(on) {
      const track = audioTrack();
      if (on) track?.enable();
      else track?.disable();
    },
    setCamera(on) {
      const track = videoTrack();
      if (on) track?.enable();
      else track?.disable();
    },
    async switchDevice(kind, deviceId) {
      const track = kind === "audio" ? audioTrack() : videoTrack();
      await track?.restart({ deviceId: { exact: deviceId } });
    },
    async setNoiseCancellation(on) {
      const nc = audioTrack()?.noiseCancellation;
      if (!nc) return false;
      if (on) await nc.enable();
      else await nc.disable();
      return true;
    },
    async leave() {
      window.removeEventListener("pagehide", onPageHide);
      for (const track of local()) if ("stop" in track) track.stop();
      room.disconnect();
    },
  };
}
