import type { AnyJobHandler, QueueContract } from "./define.ts";

/**
 * What is wrong between a queue list and a handler list, as readable lines (none when they are
 * one to one): a queue no handler takes stays full forever, a handler without a declared queue
 * polls a queue nobody creates, and a handler built from another copy of a contract can drift
 * from what producers validate.
 */
export function handlerMapProblems(
  queues: readonly QueueContract[],
  handlers: readonly AnyJobHandler<never>[],
): string[] {
  const problems: string[] = [];
  const duplicates = (names: string[]) => [
    ...new Set(names.filter((name, index) => names.indexOf(name) !== index)),
  ];
  for (const name of duplicates(queues.map((queue) => queue.name))) {
    problems.push(`queue ${name} is declared twice`);
  }
  for (const name of duplicates(handlers.map((handler) => handler.name))) {
    problems.push(`queue ${name} has two handlers`);
  }
  for (const queue of queues) {
    const handler = handlers.find((candidate) => candidate.name === queue.name);
    if (!handler) problems.push(`queue ${queue.name} has no handler`);
    else if (handler.schema !== queue.schema || handler.queue !== queue.queue) {
      problems.push(`the handler of ${queue.name} is not built from its declared contract`);
    }
  }
  for (const handler of handlers) {
    if (!queues.some((queue) => queue.name === handler.name)) {
      problems.push(`handler ${handler.name} has no declared queue`);
    }
  }
  return problems;
}
