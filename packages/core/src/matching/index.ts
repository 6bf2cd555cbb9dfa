export { fullTextPrescores } from "./fts.ts";
export { loadMatches, refreshMentorEmbedding, requestMatches } from "./match-service.ts";
