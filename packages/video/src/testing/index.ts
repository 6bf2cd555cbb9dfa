export {
  type FakeRoom,
  type FakeTwilio,
  type FakeTwilioOptions,
  type PendingCallback,
  type RecordedRequest,
  startFakeTwilio,
  type TwilioErrorBody,
} from "./fake-twilio.ts";
export { findSpecsDir, mustNotSkip, TWILIO_VIDEO_SPEC } from "./specs-dir.ts";
export { describeWithSpecs } from "./specs-gate.ts";
