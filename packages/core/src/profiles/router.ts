import { router } from "../trpc/init.ts";
import { getProfile } from "./get-profile.ts";
import { removeAvatar } from "./remove-avatar.ts";
import { setAvatar } from "./set-avatar.ts";
import { updateProfile } from "./update-profile.ts";

export const profileRouter = router({
  get: getProfile,
  update: updateProfile,
  setAvatar,
  removeAvatar,
});
