/**
 * Load time, per-image time and memory of the local image moderation (nsfwjs MobileNetV2 on
 * tfjs-wasm). Run: node packages/ai/scripts/measure-image-moderation.ts [images=20]
 */
import { moderateImageLocally } from "../src/local/image-moderation.ts";
import { nsfwjsClassifier, nsfwjsLoadStats } from "../src/local/nsfwjs-classifier.ts";
import { flatImage, neutralImage, skinTone } from "../src/testing/images.ts";

const count = Number(process.argv[2] ?? 20);
const classifier = nsfwjsClassifier();
const images = [
  { bytes: await neutralImage("jpeg", 640), contentType: "image/jpeg" },
  { bytes: await neutralImage("png", 320), contentType: "image/png" },
  { bytes: await flatImage(skinTone, 512), contentType: "image/png" },
];
const first = performance.now();
await moderateImageLocally({ ...images[0]!, context: "avatar" }, classifier);
const firstMs = performance.now() - first;
const times: number[] = [];
for (let i = 0; i < count; i += 1) {
  const image = images[i % images.length]!;
  const started = performance.now();
  await moderateImageLocally({ ...image, context: "avatar" }, classifier);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const load = nsfwjsLoadStats();
process.stdout.write(
  `${JSON.stringify(
    {
      modelLoadMs: Math.round(load?.loadMs ?? 0),
      firstImageIncludingLoadMs: Math.round(firstMs),
      perImageMs: {
        p50: Math.round(times[Math.floor(times.length / 2)]!),
        max: Math.round(times.at(-1)!),
      },
      rssMb: {
        beforeLoad: mb(load?.rssBeforeBytes ?? 0),
        afterLoad: mb(load?.rssAfterBytes ?? 0),
        afterRun: mb(process.memoryUsage().rss),
      },
      images: count,
    },
    null,
    2,
  )}\n`,
);
