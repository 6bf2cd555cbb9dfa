/**
 * Group commit for the statements many jobs of a queue make one by one (decision 063): each
 * job asks for its own key and gets its own answer, but the keys asked for together go to the
 * database in one statement. A flush starts on the next turn of the event loop (the jobs of a
 * fetched batch ask in the same turn) and never while another flush of the same kind is in
 * flight: keys asked for meanwhile wait for it and go together in the next. So an idle worker
 * waits one turn, a busy one makes one statement per flush instead of one per job.
 */
export interface GroupCommitOptions<Key> {
  /** The error of a key `run` left out of its answer; without it that key is answered undefined. */
  missing?: (key: Key) => Error;
  /**
   * Reads: askers of the same key in one flush share its answer. Otherwise (writes, e.g. an
   * attempt count) a key goes once per flush and a second asker waits for the next flush, so
   * two askers are never applied as one.
   */
  shareDuplicates?: boolean;
}

/**
 * `run` answers a list of distinct keys with a Map. A failed statement rejects every asker of
 * its flush with that error.
 */
export function groupCommit<Key, Value>(
  run: (keys: Key[]) => Promise<Map<Key, Value>>,
  options: GroupCommitOptions<Key> = {},
): (key: Key) => Promise<Value> {
  type Waiter = { key: Key; resolve: (value: Value) => void; reject: (error: unknown) => void };
  let pending: Waiter[] = [];
  let scheduled = false;
  let flushing = false;

  function schedule() {
    if (scheduled || flushing || pending.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  }

  async function flush() {
    scheduled = false;
    flushing = true;
    const taken = new Map<Key, Waiter[]>();
    const later: Waiter[] = [];
    for (const waiter of pending) {
      const same = taken.get(waiter.key);
      if (!same) taken.set(waiter.key, [waiter]);
      else if (options.shareDuplicates) same.push(waiter);
      else later.push(waiter);
    }
    pending = later;
    try {
      const answers = await run([...taken.keys()]);
      for (const [key, waiters] of taken) {
        for (const waiter of waiters) {
          if (answers.has(key)) waiter.resolve(answers.get(key) as Value);
          else if (options.missing) waiter.reject(options.missing(key));
          else waiter.resolve(undefined as Value);
        }
      }
    } catch (error) {
      for (const waiters of taken.values()) for (const waiter of waiters) waiter.reject(error);
    } finally {
      flushing = false;
      schedule();
    }
  }

  return (key) =>
    new Promise<Value>((resolve, reject) => {
      pending.push({ key, resolve, reject });
      schedule();
    });
}
