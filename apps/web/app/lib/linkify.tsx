import type { ReactNode } from "react";

const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/g;

/** Plain text with its http(s) URLs as links (the dev outbox: click the verification link). */
export function linkify(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let offset = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    if (start > offset) nodes.push(text.slice(offset, start));
    nodes.push(
      <a key={start} href={match[0]}>
        {match[0]}
      </a>,
    );
    offset = start + match[0].length;
  }
  if (offset < text.length) nodes.push(text.slice(offset));
  return nodes;
}
