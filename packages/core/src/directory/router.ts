import { router } from "../trpc/init.ts";
import { apiOfferings } from "./procedures/api-list-offerings.ts";
import { apiSlots } from "./procedures/api-list-slots.ts";
import { apiSearch } from "./procedures/api-search-mentors.ts";
import { mentor } from "./procedures/get-mentor-page.ts";
import { slotCalendar } from "./procedures/get-slot-calendar.ts";
import { skills } from "./procedures/list-skills.ts";
import { slots } from "./procedures/list-slots.ts";
import { search } from "./procedures/search-mentors.ts";

export const directoryRouter = router({
  search,
  mentor,
  slots,
  skills,
  apiSearch,
  apiOfferings,
  apiSlots,
  slotCalendar,
});
