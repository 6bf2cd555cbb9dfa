/** Why the browser gave us no camera or microphone, in the terms the page explains. */
export type MediaProblem = "denied" | "missing" | "busy" | "other";

export function mediaProblemOf(error: unknown): MediaProblem {
  const name = (error as { name?: string } | null)?.name ?? "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "missing";
  if (name === "NotReadableError" || name === "AbortError") return "busy";
  return "other";
}

export interface Devices {
  audio: { id: string; label: string }[];
  video: { id: string; label: string }[];
}

/** Cameras and microphones (labels appear once the user allowed one of them). */
export async function listDevices(): Promise<Devices> {
  if (!navigator.mediaDevices?.enumerateDevices) return { audio: [], video: [] };
  const all = await navigator.mediaDevices.enumerateDevices();
  const pick = (kind: MediaDeviceKind) =>
    all
      .filter((device) => device.kind === kind && device.deviceId)
      .map((device, index) => ({
        id: device.deviceId,
        label: device.label || `${kind} ${index + 1}`,
      }));
  return { audio: pick("audioinput"), video: pick("videoinput") };
}
