export const apiDocs = {
  title: "API documentation",
  heading: "Mentora REST API",
  intro:
    "Read mentors, their offerings and free slots, and your own bookings and payments from your programs. Create a key in your account, then send it with every call.",
  document: "OpenAPI document (JSON)",
  baseUrl: "Base URL",
  authentication: "Authentication",
  authenticationText:
    "Send your key as Authorization: Bearer <key> (or x-api-key: <key>). Each key has scopes and a rate limit; a revoked or expired key gets 401.",
  errors: "Errors",
  errorsText:
    'An error is JSON with a stable code: { "error": { "code", "message", "requestId", "httpStatus" } }. 429 comes with Retry-After.',
  parameters: "Parameters",
  parameter: "Name",
  where: "In",
  type: "Type",
  required: "Required",
  yes: "yes",
  no: "no",
  response: "Response",
  example: "Example",
  scope: "Scope",
  manageKeys: "Manage your API keys",
};
