export { processCallbackJob } from "./callbacks/process-callback.job.ts";
export { receiveVideoCallback } from "./callbacks/receive-callback.ts";
export { createVideoProvider } from "./create-video-provider.ts";
export { closeRoomJob, openRoomJob, scheduleVideoRoom } from "./room-jobs.ts";
