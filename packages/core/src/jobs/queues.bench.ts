import { randomUUID } from "node:crypto";
import { afterAll, test } from "vitest";
import type { App } from "../app/index.ts";
import { jobHandlers } from "../app/job-handlers.ts";
import type { AppServices } from "../app/types.ts";
import {
  type FakeGoogleCalendar,
  startFakeGoogleCalendar,
} from "../calendars/testing/fake-google-calendar.ts";
import { seedConnectedMentor } from "../calendars/testing/google-calendar-rig.ts";
import { listedMentor, pastSession, person } from "../reviews/testing/reviews-rig.ts";
import { createTestApp } from "../testing/index.ts";
import { startReceiver } from "../webhook-endpoints/testing/receiver.ts";
import type { AnyJobHandler } from "./define.ts";
import { createQueues } from "./index.ts";
import { createJobRunner, type JobRunner } from "./runner.ts";
import { countStatements, insertAndDrain, noopTwinOf } from "./testing/throughput.ts";

// The queues added in session 6 against the floor (decision 054), and the calendar and
// directory refreshes (decision 063): a burst of jobs inserted at once, drained by a running
// runner with the queue's own concurrency and batch size, vs a no-op handler on a twin queue
// with the same settings. jobs/s = burst / the iteration's time.
const scale = Number(process.env.BENCH_SCALE ?? 1);
const burst = 100 * scale;
// One measured drain per round at BENCH_SCALE=10 (bursts of 1,000, repeated by the suite's
// rounds): 3 of them made this file 6.5 min of every round (decision 074).
const runOptions = {
  time: 0,
  iterations: process.env.BENCH_QUICK ? 2 : scale >= 10 ? 1 : 3,
  warmupIterations: 1,
};

const handler = (name: string) => {
  const found = jobHandlers.find((job) => job.name === name);
  if (!found) throw new Error(`no handler for ${name}`);
  return found;
};
/** BENCH_DELIVER_WORK / BENCH_REMIND_WORK="<concurrency>x<batchSize>" try other settings. */
function withWork(job: AnyJobHandler<AppServices>, setting: string | undefined) {
  const match = setting ? /^(\d+)x(\d+)$/.exec(setting) : null;
  return match
    ? { ...job, work: { concurrency: Number(match[1]), batchSize: Number(match[2]) } }
    : job;
}
const deliverJob = withWork(handler("webhook-endpoint.deliver"), process.env.BENCH_DELIVER_WORK);
const remindJob = withWork(handler("review.remind"), process.env.BENCH_REMIND_WORK);
const deliverNoop = noopTwinOf<AppServices>(deliverJob);
const remindNoop = noopTwinOf<AppServices>(remindJob);
// The per-mentor busy refresh (its 5-minute sweep is not scheduled here).
const busyJob = {
  ...withWork(handler("calendars.refresh-busy"), process.env.BENCH_BUSY_WORK),
  schedule: undefined,
};
const busyNoop = noopTwinOf<AppServices>(busyJob);
// A directory summary refresh as bookings and decisions trigger it: an event.deliver job of a
// directory.refresh-slots subscriber. On a queue of its own (the same handler and settings),
// so the events the other groups record are not delivered during their measurements. The
// 10-minute sweep (directory.refresh-slots) runs the same per-mentor refresh in a loop.
const slotsJob = {
  ...withWork(handler("event.deliver"), process.env.BENCH_SLOTS_WORK),
  name: "event.deliver.bench-directory",
};
const slotsNoop = noopTwinOf<AppServices>(slotsJob);

let app: App | undefined;
let runner: JobRunner | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
let google: FakeGoogleCalendar | undefined;
afterAll(async () => {
  await runner?.stop(5_000);
  await receiver?.close();
  await app?.close();
  await google?.close();
});

async function setUp(): Promise<App> {
  if (app) return app;
  google = await startFakeGoogleCalendar();
  app = await createTestApp({
    GOOGLE_CLIENT_ID: "mentora-bench.apps.googleusercontent.com",
    GOOGLE_CLIENT_SECRET: "mentora-bench-secret",
    GOOGLE_CALENDAR_API_URL: google.url,
  });
  const jobs: AnyJobHandler<AppServices>[] = [
    deliverJob,
    deliverNoop,
    remindJob,
    remindNoop,
    busyJob,
    busyNoop,
    slotsJob,
    slotsNoop,
  ];
  await createQueues(app.boss, [deliverNoop, remindNoop, busyNoop, slotsJob, slotsNoop]);
  runner = createJobRunner(app, jobs);
  await runner.start();
  return app;
}

// Statements per job: what the machine's load does not move (decision 073).
const statements = countStatements();

const rates = new Map<string, number[]>();
const cpuMs = new Map<string, number[]>();
const sent = new Map<string, number[]>();
const push = (map: Map<string, number[]>, key: string, value: number) =>
  map.set(key, [...(map.get(key) ?? []), value]);
async function timedDrain(services: App, queue: string, data: object[]) {
  const cpu = process.cpuUsage();
  const before = statements();
  const started = performance.now();
  await insertAndDrain(services.boss, services.pool, queue, data);
  push(rates, queue, (data.length * 1000) / (performance.now() - started));
  const used = process.cpuUsage(cpu);
  push(cpuMs, queue, (used.user + used.system) / 1000 / data.length);
  push(sent, queue, (statements() - before) / data.length);
}
function reportRates(target: string, floor: string) {
  const median = (map: Map<string, number[]>, name: string) => {
    const values = [...(map.get(name) ?? [])].sort((a, b) => a - b);
    return values[values.length >> 1] ?? 0;
  };
  // A bench's own report line (not a log): the jobs/s the table's times stand for, and the
  // process's CPU and statements per job.
  process.stdout.write(
    `${target}: ${median(rates, target).toFixed(1)} jobs/s, floor ${median(rates, floor).toFixed(1)} jobs/s ` +
      `(${((100 * median(rates, target)) / median(rates, floor)).toFixed(0)} %); ` +
      `process CPU ${median(cpuMs, target).toFixed(2)} ms/job, floor ${median(cpuMs, floor).toFixed(2)}; ` +
      `statements ${median(sent, target).toFixed(1)}/job, floor ${median(sent, floor).toFixed(1)}\n`,
  );
}

test("pg-boss jobs: webhook-endpoint.deliver vs no-op", async ({ bench }) => {
  const services = await setUp();
  receiver = await startReceiver();
  // One integrator's endpoint receiving a burst of events (a busy hour's bookings): each job
  // claims its delivery, signs and POSTs it to a real local HTTP server and records the answer.
  const endpoint = await services.prisma.webhookEndpoint.create({
    data: {
      scope: "PLATFORM",
      ownerId: randomUUID(),
      url: receiver.url("/hooks"),
      events: ["booking.confirmed"],
      secret: "whsec_bench_secret",
    },
  });
  const deliveries = await services.prisma.webhookDelivery.createManyAndReturn({
    data: Array.from({ length: burst }, () => ({
      endpointId: endpoint.id,
      eventId: randomUUID(),
      eventType: "booking.confirmed",
      payload: { type: "booking.confirmed", data: { bookingId: randomUUID() } },
    })),
    select: { id: true },
  });
  const ids = deliveries.map((row) => row.id);
  const data = ids.map((deliveryId) => ({ deliveryId, attempt: 1 }));
  // Every round delivers them again from the start.
  const reset = async () => {
    await services.prisma.webhookDelivery.updateMany({
      where: { id: { in: ids } },
      data: { status: "PENDING", attempts: 0, lastAttemptAt: null, deliveredAt: null },
    });
  };
  await bench.compare(
    bench(`webhook-endpoint.deliver, ${burst} deliveries`, { beforeEach: reset }, async () => {
      await timedDrain(services, deliverJob.name, data);
    }),
    bench(`floor: no-op job, same settings, ${burst} jobs drained`, async () => {
      await timedDrain(services, deliverNoop.name, data);
    }),
    runOptions,
  );
  reportRates(deliverJob.name, deliverNoop.name);
}, 1_800_000);

test("pg-boss jobs: review.remind vs no-op", async ({ bench }) => {
  const services = await setUp();
  // Sessions that ended a day ago, two attending mentees each: every job checks who may still
  // review and records their reminder (keyed by booking, so a later round reminds nobody twice
  // but does every check and insert attempt again).
  const mentor = await listedMentor(services);
  const mentees = [await person(services, "Ada Mentee"), await person(services, "Linus Mentee")];
  const sessions: string[] = [];
  for (let n = 0; n < burst; n += 1) {
    const { session } = await pastSession(
      services,
      mentor,
      mentees.map((mentee) => ({ id: mentee.id, minutes: 55 })),
      { endedAgoMs: 24 * 3_600_000 },
    );
    sessions.push(session.id);
  }
  const data = sessions.map((sessionId) => ({ sessionId }));
  await bench.compare(
    bench(`review.remind, ${burst} sessions`, async () => {
      await timedDrain(services, remindJob.name, data);
    }),
    bench(`floor: no-op job, same settings, ${burst} jobs drained`, async () => {
      await timedDrain(services, remindNoop.name, data);
    }),
    runOptions,
  );
  reportRates(remindJob.name, remindNoop.name);
}, 1_800_000);

/** `count` approved mentors free every day, each with a Google Calendar connection to the fake. */
async function connectedMentors(services: App, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const { mentor, calendars } = await seedConnectedMentor(services.prisma, google!);
    // Two busy hours tomorrow: each refresh stores what Google answers.
    const tomorrow = Date.now() + 86_400_000;
    calendars[0]?.busy.push(
      { start: new Date(tomorrow), end: new Date(tomorrow + 3_600_000) },
      { start: new Date(tomorrow + 7_200_000), end: new Date(tomorrow + 10_800_000) },
    );
    ids.push(mentor.id);
  }
  return ids;
}

let mentors: string[] | undefined;

test("pg-boss jobs: calendars.refresh-busy vs no-op", async ({ bench }) => {
  const services = await setUp();
  mentors ??= await connectedMentors(services, burst);
  // Each job refreshes one mentor: reads the connection, a valid access token, one free/busy
  // call to the (local HTTP) fake Google Calendar, then replaces the cached busy times.
  const data = mentors.map((mentorId) => ({ mentorId }));
  await bench.compare(
    bench(`calendars.refresh-busy, ${burst} mentors`, async () => {
      await timedDrain(services, busyJob.name, data);
    }),
    bench(`floor: no-op job, same settings, ${burst} jobs drained`, async () => {
      await timedDrain(services, busyNoop.name, data);
    }),
    runOptions,
  );
  // The work was done: one free/busy call per mentor and round (a skipped refresh makes none).
  const calls = google!.requests.filter((request) => request.includes("freeBusy")).length;
  if (calls < burst) throw new Error(`only ${calls} free/busy calls for ${burst} mentors`);
  reportRates(busyJob.name, busyNoop.name);
}, 1_800_000);

test("pg-boss jobs: directory slot refresh vs no-op", async ({ bench }) => {
  const services = await setUp();
  mentors ??= await connectedMentors(services, burst);
  // Each job recomputes one mentor's 31-day availability summary (one 60-minute offering,
  // free every day) under its advisory lock and rewrites the mentor's summary rows.
  const data = mentors.map((mentorId) => ({
    subscriber: "directory.refresh-slots:mentor.application-decided",
    event: {
      id: randomUUID(),
      type: "mentor.application-decided",
      version: 1,
      occurredAt: new Date().toISOString(),
      data: { userId: mentorId, status: "APPROVED" },
    },
  }));
  await bench.compare(
    bench(`directory slot refresh, ${burst} mentors`, async () => {
      await timedDrain(services, slotsJob.name, data);
    }),
    bench(`floor: no-op job, same settings, ${burst} jobs drained`, async () => {
      await timedDrain(services, slotsNoop.name, data);
    }),
    runOptions,
  );
  const summarized = await services.prisma.directorySlotRefresh.count({
    where: { mentorId: { in: mentors } },
  });
  if (summarized !== burst) throw new Error(`${summarized} of ${burst} summaries refreshed`);
  reportRates(slotsJob.name, slotsNoop.name);
}, 1_800_000);
