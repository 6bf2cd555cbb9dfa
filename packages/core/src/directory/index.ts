export { cursorInput, decodeCursor, encodeCursor } from "./keyset-cursor.ts";
