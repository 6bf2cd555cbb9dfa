// Test support for other packages' tests (the web app's browser tests): the fake Calendar API.
export {
  type FakeCalendar,
  type FakeGoogleCalendar,
  startFakeGoogleCalendar,
} from "./fake-google-calendar.ts";
