export { fullTextPrescores } from "./fts.ts";
export {
  loadMatches,
  rankMentors,
  refreshMentorEmbedding,
  requestMatches,
} from "./match-service.ts";
