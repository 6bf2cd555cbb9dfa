export const errorPage = {
  title: "Error",
  heading: "Something went wrong",
  notFoundHeading: "Page not found",
  notFound: "We could not find this page. Check the address, or go back home.",
  forbiddenHeading: "Access denied",
  unauthorizedHeading: "Please sign in",
  generic: "Something went wrong on our side. Please try again in a moment.",
  requestId: "Reference for support: {requestId}",
  goHome: "Go to the home page",
  tryAgain: "Try again",
};
