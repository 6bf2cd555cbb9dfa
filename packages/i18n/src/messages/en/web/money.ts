export const money = {
  free: "Free",
};
