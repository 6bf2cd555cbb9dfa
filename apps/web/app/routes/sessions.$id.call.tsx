import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { type ClientLoaderFunctionArgs, useLoaderData, useRouteError } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatCountdown, phaseAt, useNow } from "~/components/call/clock";
import {
  type CallConnection,
  connectLocal,
  connectTwilio,
  type RemoteTile,
} from "~/components/call/connection";
import {
  type Devices,
  listDevices,
  type MediaProblem,
  mediaProblemOf,
} from "~/components/call/media";
import { ErrorPage } from "~/components/error-page";
import { requireSession } from "~/lib/guards.server";
import { useDateFormats, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRealtime } from "~/lib/realtime";
import { clientError, trpc } from "~/lib/trpc.browser";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.call.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const user = requireSession(request, input);
    const details = await input.caller.video.details({ sessionId: params.id ?? "" });
    return { details, userId: user.id };
  });
}

/**
 * Camera and microphone are allowed only in a document loaded at this address
 * (Permissions-Policy belongs to the document, see apps/web/server/security-headers.ts): a
 * client-side navigation here from another page loads this page anew instead. Revalidating
 * the page already shown goes to the server loader as usual.
 */
export async function clientLoader({ request, serverLoader }: ClientLoaderFunctionArgs) {
  const target = new URL(request.url);
  if (window.location.pathname !== target.pathname) {
    window.location.assign(target.href);
    return new Promise<never>(() => {});
  }
  return serverLoader<typeof loader>();
}

type CallState = "idle" | "joining" | "connected" | "reconnecting" | "lost" | "left";

/** A media track in a <video> or <audio> element (srcObject cannot be set from JSX). */
function TrackView({
  track,
  kind,
  muted,
}: {
  track: MediaStreamTrack;
  kind: "video" | "audio";
  muted?: boolean;
}) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = new MediaStream([track]);
  }, [track]);
  return kind === "video" ? (
    <video ref={ref} autoPlay playsInline muted={muted ?? true} className="call-video" />
  ) : (
    // biome-ignore lint/a11y/useMediaCaption: live call audio has no captions to offer
    <audio ref={ref} autoPlay />
  );
}

export default function CallPage() {
  const t = useT();
  const { details, userId } = useLoaderData<typeof loader>();
  const formats = useDateFormats();
  const now = useNow();
  const sessionId = details.session.id;
  const phase = now ? phaseAt(now, details.opensAt, details.session.endsAt) : null;
  const [state, setState] = useState<CallState>("idle");
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<MediaProblem | null>(null);
  const [microphone, setMicrophone] = useState(true);
  const [camera, setCamera] = useState(true);
  /** Joined with a camera and microphone (false: "join without"). */
  const [withMedia, setWithMedia] = useState(false);
  const [noiseCancellation, setNoiseCancellation] = useState(details.noiseCancellation);
  const [devices, setDevices] = useState<Devices>({ audio: [], video: [] });
  const [chosen, setChosen] = useState<{ audio?: string; video?: string }>({});
  const [remote, setRemote] = useState<RemoteTile[]>([]);
  const [present, setPresent] = useState<Set<string>>(new Set());
  const [selfVideo, setSelfVideo] = useState<MediaStreamTrack | null>(null);
  const connection = useRef<CallConnection | null>(null);
  const inCall = state === "connected" || state === "reconnecting";

  // Who is in the call, as the provider's callbacks recorded it (both providers): read when the
  // call opens, then again each time the stream says it changed. No polling.
  const [presenceVersion, setPresenceVersion] = useState(0);
  const presenceChanged = useCallback(() => setPresenceVersion((version) => version + 1), []);
  useRealtime(
    ["presence"],
    (message) => {
      if (message.ref === sessionId) presenceChanged();
    },
    presenceChanged,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: presenceVersion asks for a new read
  useEffect(() => {
    if (phase !== "open") return;
    let stopped = false;
    trpc()
      .video.presence.query({ sessionId })
      .then(({ connected }) => {
        if (!stopped) setPresent(new Set(connected.map((person) => person.id)));
      })
      .catch(() => {
        // Offline for a moment: the stream's reconnect (or the next change) reads it again.
      });
    return () => {
      stopped = true;
    };
  }, [phase, sessionId, presenceVersion]);

  const leave = useCallback(async () => {
    const current = connection.current;
    connection.current = null;
    setSelfVideo(null);
    setRemote([]);
    setState("left");
    try {
      await current?.leave();
      const { connected } = await trpc().video.presence.query({ sessionId });
      setPresent(new Set(connected.map((person) => person.id)));
    } catch (cause) {
      setError(clientError(cause, t("web.call.leaveFailed")).message);
    }
  }, [sessionId, t]);

  // The session is over: the room closes, so leave cleanly rather than be cut off.
  useEffect(() => {
    if (phase === "ended" && connection.current) void leave();
  }, [phase, leave]);

  async function join(withMedia: boolean) {
    setState("joining");
    setError(null);
    setProblem(null);
    try {
      const grant = await trpc().video.join.mutate({ sessionId });
      const choice = {
        withMedia,
        audioDeviceId: chosen.audio,
        videoDeviceId: chosen.video,
        noiseCancellation: details.noiseCancellation && noiseCancellation,
      };
      connection.current =
        grant.provider === "twilio"
          ? await connectTwilio(grant, choice, {
              remote: setRemote,
              state: (next) => setState(next),
            })
          : await connectLocal(grant, choice);
      setWithMedia(withMedia);
      setMicrophone(withMedia);
      setCamera(withMedia);
      setSelfVideo(connection.current.localVideo());
      setState("connected");
      setPresent((before) => new Set([...before, userId]));
      setDevices(await listDevices());
    } catch (cause) {
      setState("idle");
      if (cause instanceof DOMException || mediaProblemOf(cause) !== "other") {
        setProblem(mediaProblemOf(cause));
      } else {
        setError(clientError(cause, t("web.call.joinFailed")).message);
      }
    }
  }

  async function changeDevice(kind: "audio" | "video", deviceId: string) {
    setChosen((before) => ({ ...before, [kind]: deviceId }));
    try {
      await connection.current?.switchDevice(kind, deviceId);
      setSelfVideo(connection.current?.localVideo() ?? null);
    } catch (cause) {
      setProblem(mediaProblemOf(cause));
    }
  }

  const remoteOf = (id: string) => remote.find((tile) => tile.identity === id);
  const endsIn = now ? details.session.endsAt.getTime() - now.getTime() : 0;
  const opensIn = now ? details.opensAt.getTime() - now.getTime() : 0;
  const startsIn = now ? details.session.startsAt.getTime() - now.getTime() : 0;

  return (
    <div className="container call-page">
      <h1>{details.session.title}</h1>
      <p className="muted">
        <time dateTime={details.session.startsAt.toISOString()}>
          {formats.longDate(details.session.startsAt)}
        </time>
        , {formats.timeRange(details.session.startsAt, details.session.endsAt)}
      </p>
      {details.provider === "local" ? (
        <div className="alert" role="note" data-testid="local-notice">
          {t("web.call.localNotice")}
        </div>
      ) : null}

      <p className="call-clock" role="timer" aria-live="off">
        {phase === "waiting" ? (
          <span data-testid="call-countdown">
            {t("web.call.opensIn", { time: formatCountdown(opensIn) })}
          </span>
        ) : phase === "open" && startsIn > 0 ? (
          <span data-testid="call-starts-in">
            {t("web.call.startsIn", { time: formatCountdown(startsIn) })}
          </span>
        ) : phase === "open" ? (
          <span data-testid="call-time-left">
            {t("web.call.timeLeft", { time: formatCountdown(endsIn) })}
          </span>
        ) : phase === "ended" ? (
          <span data-testid="call-ended">{t("web.call.ended")}</span>
        ) : null}
      </p>

      {state === "reconnecting" ? (
        <div className="alert" role="status">
          {t("web.call.reconnecting")}
        </div>
      ) : null}
      {state === "lost" ? (
        <div className="alert alert-error" role="alert">
          {t("web.call.lost")}
        </div>
      ) : null}
      {problem ? (
        <div className="alert alert-error" role="alert" data-testid="media-problem">
          {t(`web.call.media.${problem}`)}
        </div>
      ) : null}
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}

      <section className="card" aria-labelledby="controls-heading">
        <h2 id="controls-heading" className="visually-hidden">
          {t("web.call.controls")}
        </h2>
        <div className="call-controls">
          {inCall ? (
            <>
              {withMedia ? (
                <>
                  <button
                    type="button"
                    className="button"
                    aria-pressed={!microphone}
                    onClick={() => {
                      connection.current?.setMicrophone(!microphone);
                      setMicrophone(!microphone);
                    }}
                  >
                    {microphone ? t("web.call.mute") : t("web.call.unmute")}
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-pressed={!camera}
                    onClick={() => {
                      connection.current?.setCamera(!camera);
                      setCamera(!camera);
                    }}
                  >
                    {camera ? t("web.call.cameraOff") : t("web.call.cameraOn")}
                  </button>
                </>
              ) : (
                <span className="muted">{t("web.call.noMedia")}</span>
              )}
              <button type="button" className="button button-danger" onClick={() => void leave()}>
                {t("web.call.leave")}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="button"
                disabled={phase !== "open" || state === "joining"}
                onClick={() => void join(true)}
              >
                {state === "joining"
                  ? t("web.call.joining")
                  : state === "left" || state === "lost"
                    ? t("web.call.rejoin")
                    : t("web.call.join")}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={phase !== "open" || state === "joining"}
                onClick={() => void join(false)}
              >
                {t("web.call.joinWithoutMedia")}
              </button>
            </>
          )}
        </div>
        {inCall && withMedia && (devices.audio.length > 0 || devices.video.length > 0) ? (
          <div className="inline-fields">
            <div className="field">
              <label htmlFor="call-microphone">{t("web.call.microphone")}</label>
              <select
                id="call-microphone"
                value={chosen.audio ?? ""}
                onChange={(event) => void changeDevice("audio", event.target.value)}
              >
                <option value="">{t("web.call.defaultDevice")}</option>
                {devices.audio.map((device) => (
                  <option key={device.id} value={device.id}>
                    {device.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="call-camera">{t("web.call.camera")}</label>
              <select
                id="call-camera"
                value={chosen.video ?? ""}
                onChange={(event) => void changeDevice("video", event.target.value)}
              >
                <option value="">{t("web.call.defaultDevice")}</option>
                {devices.video.map((device) => (
                  <option key={device.id} value={device.id}>
                    {device.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
        {details.noiseCancellation && details.provider === "twilio" ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={noiseCancellation}
              onChange={async (event) => {
                const on = event.target.checked;
                setNoiseCancellation(on);
                if (connection.current && !(await connection.current.setNoiseCancellation(on))) {
                  setError(t("web.call.noiseCancellationUnavailable"));
                }
              }}
            />{" "}
            {t("web.call.noiseCancellation")}
          </label>
        ) : null}
      </section>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading">{t("web.call.people")}</h2>
        <ul className="call-tiles">
          {details.people.map((person) => {
            const isSelf = person.id === userId;
            const here = isSelf ? inCall : present.has(person.id);
            const tile = remoteOf(person.id);
            return (
              <li
                key={person.id}
                className={`call-tile${here ? " present" : ""}`}
                data-testid={`presence-${person.id}`}
                data-present={here ? "yes" : "no"}
              >
                {isSelf && selfVideo && camera ? (
                  <TrackView track={selfVideo} kind="video" />
                ) : null}
                {!isSelf && tile?.video ? <TrackView track={tile.video} kind="video" /> : null}
                {!isSelf && tile?.audio ? <TrackView track={tile.audio} kind="audio" /> : null}
                <span className="call-name">
                  {person.name}
                  {isSelf ? ` (${t("web.call.you")})` : ""}
                </span>
                <span className="muted">
                  {person.role === "MENTOR" ? t("web.call.mentor") : t("web.call.participant")} ·{" "}
                  {here ? t("web.call.inCall") : t("web.call.notHere")}
                </span>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
