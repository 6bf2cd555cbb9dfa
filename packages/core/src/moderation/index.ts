export { moderationConfig } from "./config.ts";
export { moderationCaseDecided, moderationCaseOpened } from "./events.ts";
export {
  checkApplication,
  checkAvatar,
  checkProfileText,
  closeApplicationCases,
  decideModerationCase,
  listedProfileWhere,
  loadProfileText,
  type ModerateInput,
  type ModerationOutcome,
  type ModerationSubject,
  moderateContent,
  moderationNoticesFor,
} from "./moderation-service.ts";
export { type AiProviders, aiProvidersFor } from "./providers.ts";
