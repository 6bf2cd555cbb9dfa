// Group commit (decision 063): keys asked for together go as one statement, each asker gets its
// own answer, a failed statement fails only the askers of its flush, and a flush in flight makes
// the next keys wait and go together.
import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit.ts";

/** A fake statement that records every key list it was given and can be held open. */
function recorder(answer: (key: string) => number | undefined = (key) => key.length) {
  const calls: string[][] = [];
  let release: (() => void) | undefined;
  let failNext: Error | undefined;
  const run = async (keys: string[]) => {
    calls.push(keys);
    if (failNext) {
      const error = failNext;
      failNext = undefined;
      throw error;
    }
    if (release === undefined) {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    }
    const answers = new Map<string, number>();
    for (const key of keys) {
      const value = answer(key);
      if (value !== undefined) answers.set(key, value);
    }
    return answers;
  };
  return {
    calls,
    run,
    /** Lets the held statement (and every later one) finish. */
    open: () => {
      const held = release;
      release = () => {};
      held?.();
    },
    failNext: (error: Error) => {
      failNext = error;
    },
  };
}

describe("groupCommit", () => {
  it("sends the keys asked for in one turn as one statement, each asker getting its own answer", async () => {
    const db = recorder();
    db.open();
    const ask = groupCommit(db.run);
    expect(await Promise.all(["a", "bb", "ccc"].map(ask))).toEqual([1, 2, 3]);
    expect(db.calls).toEqual([["a", "bb", "ccc"]]);
  });

  it("holds keys asked for while a flush is in flight and sends them together next", async () => {
    const db = recorder();
    const ask = groupCommit(db.run);
    const first = ask("a");
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.calls).toEqual([["a"]]);
    const later = [ask("bb"), ask("ccc"), ask("dddd")];
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Still one statement: the others wait for it.
    expect(db.calls).toEqual([["a"]]);
    db.open();
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([2, 3, 4]);
    expect(db.calls).toEqual([["a"], ["bb", "ccc", "dddd"]]);
  });

  it("a write asked for twice goes once per flush; a read's duplicates share one answer", async () => {
    const writes = recorder();
    writes.open();
    const write = groupCommit(writes.run);
    await Promise.all([write("a"), write("a"), write("b")]);
    expect(writes.calls).toEqual([["a", "b"], ["a"]]);

    const reads = recorder();
    reads.open();
    const read = groupCommit(reads.run, { shareDuplicates: true });
    expect(await Promise.all([read("a"), read("a"), read("bb")])).toEqual([1, 1, 2]);
    expect(reads.calls).toEqual([["a", "bb"]]);
  });

  it("a failed statement rejects its own askers only; the next flush still runs", async () => {
    const db = recorder();
    db.open();
    const ask = groupCommit(db.run);
    db.failNext(new Error("connection lost"));
    const failed = [ask("a"), ask("bb")].map((asked) =>
      asked.then(
        () => "ok",
        (e: Error) => e.message,
      ),
    );
    expect(await Promise.all(failed)).toEqual(["connection lost", "connection lost"]);
    expect(await ask("ccc")).toBe(3);
  });

  it("a key the statement did not answer is rejected with `missing`, or answered undefined", async () => {
    const db = recorder((key) => (key === "gone" ? undefined : 1));
    db.open();
    const strict = groupCommit(db.run, { missing: (key) => new Error(`no ${key}`) });
    const [found, gone] = await Promise.allSettled([strict("here"), strict("gone")]);
    expect(found).toEqual({ status: "fulfilled", value: 1 });
    expect(gone).toMatchObject({ status: "rejected", reason: new Error("no gone") });
    const lenient = groupCommit(db.run);
    expect(await lenient("gone")).toBeUndefined();
  });
});
