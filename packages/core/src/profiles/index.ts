export { avatarUrl } from "./avatar-url.ts";
export { profileChanged } from "./events.ts";
export { isLanguageCode } from "./languages.ts";
export { skillsSelect, skillTag, skillTagsOf } from "./profile-view.ts";
export { slugifySkill } from "./skills.ts";
