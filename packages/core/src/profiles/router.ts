import { router } from "../trpc/init.ts";
import { getProfile } from "./procedures/get-profile.ts";
import { removeAvatar } from "./procedures/remove-avatar.ts";
import { setAvatar } from "./procedures/set-avatar.ts";
import { updateProfile } from "./procedures/update-profile.ts";

export const profileRouter = router({
  get: getProfile,
  update: updateProfile,
  setAvatar,
  removeAvatar,
});
