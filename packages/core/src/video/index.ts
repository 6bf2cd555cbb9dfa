export { processCallbackQueue } from "./callbacks/process-callback.queue.ts";
export { receiveVideoCallback } from "./callbacks/receive-callback.ts";
export { closeRoomQueue } from "./close-room.queue.ts";
export { videoConfig } from "./config.ts";
export { createVideoProvider } from "./create-video-provider.ts";
export { attendanceRecorded } from "./events.ts";
export { openRoomQueue } from "./open-room.queue.ts";
export { scheduleVideoRoom } from "./room-jobs.ts";
/** Seconds each person spent in a session's call (reviews: only who attended may review). */
export { attendanceOf, type CallConnection, secondsInCall } from "./rooms.ts";
