import { useEffect, useState } from "react";

/** The current time, ticking every second (null during server rendering: no mismatch). */
export function useNow(): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** 75 s → "1:15", 3 725 s → "1:02:05". Never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1_000));
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

export type CallPhase = "waiting" | "open" | "ended";

/** Where the session stands: before its room opens, open, or over. */
export function phaseAt(now: Date, opensAt: Date, endsAt: Date): CallPhase {
  if (now < opensAt) return "waiting";
  return now < endsAt ? "open" : "ended";
}
