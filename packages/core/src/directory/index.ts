export { cursorInput, decodeCursor, encodeCursor } from "./keyset-cursor.ts";
export { directoryRouter } from "./router.ts";
