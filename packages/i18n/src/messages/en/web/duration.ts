export const duration = {
  minutes: "{minutes} min",
  hours: "{hours} h",
  hoursMinutes: "{hours} h {minutes} min",
};
