import type { Db, Prisma } from "@mentora/db";

type Reader = Db | Prisma.TransactionClient;

/**
 * The full-text prescore (issue #16): each mentor's headline and skills (weight A), bio (B) and
 * active offerings (C), in the English and the French configuration, unaccented on both sides,
 * against the request's words joined with OR (a request is prose: every word need not match).
 * Returns the best `limit` of `mentorIds`, best first, with their rank scaled to 0..1 (the best
 * is 1; 0 when nothing matched). Computed per query: the candidate set is already narrowed by
 * the filters, and a stored vector would have to follow four tables.
 */
export async function fullTextPrescores(
  db: Reader,
  mentorIds: readonly string[],
  text: string,
  limit: number,
): Promise<{ mentorId: string; prescore: number }[]> {
  if (mentorIds.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string; rank: number }[]>`
    WITH q AS (
      SELECT
        replace(plainto_tsquery('english', unaccent(${text}))::text, '&', '|')::tsquery AS en,
        replace(plainto_tsquery('french', unaccent(${text}))::text, '&', '|')::tsquery AS fr
    ),
    doc AS (
      SELECT u.id,
        unaccent(coalesce(u.headline, '') || ' ' || coalesce(sk.names, '')) AS a,
        unaccent(coalesce(u.bio, '')) AS b,
        unaccent(coalesce(o.text, '')) AS c
      FROM "user" u
      LEFT JOIN LATERAL (
        SELECT string_agg(s.name, ' ') AS names
        FROM user_skill us JOIN skill s ON s.id = us."skillId"
        WHERE us."userId" = u.id
      ) sk ON true
      LEFT JOIN LATERAL (
        SELECT string_agg(off.title || ' ' || off.description, ' ') AS text
        FROM offering off
        WHERE off."mentorId" = u.id AND off.status = 'ACTIVE'
      ) o ON true
      WHERE u.id = ANY(${[...mentorIds]}::text[])
    )
    SELECT doc.id,
      (ts_rank(
        setweight(to_tsvector('english', doc.a), 'A') ||
        setweight(to_tsvector('english', doc.b), 'B') ||
        setweight(to_tsvector('english', doc.c), 'C'), q.en)
      + ts_rank(
        setweight(to_tsvector('french', doc.a), 'A') ||
        setweight(to_tsvector('french', doc.b), 'B') ||
        setweight(to_tsvector('french', doc.c), 'C'), q.fr))::float8 AS rank
    FROM doc, q
    ORDER BY rank DESC, doc.id
    LIMIT ${limit}`;
  const best = rows[0]?.rank ?? 0;
  return rows.map((row) => ({
    mentorId: row.id,
    prescore: best > 0 ? Number(row.rank) / best : 0,
  }));
}
