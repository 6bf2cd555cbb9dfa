// The embedded clusters only listen on 127.0.0.1 and hold dev or test data: fixed credentials
// keep the persistent dev cluster's URL predictable across runs.
export const embeddedUser = "postgres";
export const embeddedPassword = "postgres";

export function embeddedUrl(port: number, database = "postgres"): string {
  return `postgresql://${embeddedUser}:${embeddedPassword}@127.0.0.1:${port}/${database}`;
}
