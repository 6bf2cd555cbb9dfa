/** One message per stable error code the server can return (see core's AppErrorCode). */
export const errors = {
  BAD_REQUEST: "Some of the information sent is not valid.",
  UNAUTHORIZED: "Please sign in to continue.",
  FORBIDDEN: "You are not allowed to do this.",
  NOT_FOUND: "We could not find what you were looking for.",
  CONFLICT: "This conflicts with something that already exists.",
  TOO_MANY_REQUESTS: "Too many attempts. Please wait a moment and try again.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Please try again.",
  VALIDATION_FAILED: "Please correct the highlighted fields.",
};
