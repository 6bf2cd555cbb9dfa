/**
 * Rewrites of the spec's OpenAPI 3.0 schemas into JSON Schema Ajv validates as Stripe's server
 * does. Each returns a new tree; the parsed spec is shared and never mutated.
 */
type Json = unknown;
type SchemaNode = Record<string, Json>;

const isNode = (value: Json): value is SchemaNode =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function mapTree(value: Json, visit: (node: SchemaNode) => SchemaNode): Json {
  if (Array.isArray(value)) return value.map((item) => mapTree(item, visit));
  if (!isNode(value)) return value;
  const copy: SchemaNode = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = key === "description" ? child : mapTree(child, visit);
  }
  return visit(copy);
}

/** OpenAPI 3.0 `nullable: true` is not JSON Schema: spell it as "this, or null". */
function nullableAsAnyOf(node: SchemaNode): SchemaNode {
  if (node.nullable !== true) return node;
  const { nullable: _nullable, ...rest } = node;
  return { anyOf: [rest, { type: "null" }] };
}

/** Stripe marks enums it accepts unknown values for (forward compatibility): honour it. */
function bypassedEnum(node: SchemaNode): SchemaNode {
  if (node["x-stripeBypassValidation"] !== true || !("enum" in node)) return node;
  const { enum: _enum, ...rest } = node;
  return rest;
}

/**
 * Stripe answers "Received unknown parameter: a[b]" at any depth, while the spec only closes the
 * top level of a request body: close every object that lists its properties.
 */
function closedObject(node: SchemaNode): SchemaNode {
  if (!isNode(node.properties) || "additionalProperties" in node) return node;
  return { ...node, additionalProperties: false };
}

export function requestSchema(schema: SchemaNode): SchemaNode {
  return mapTree(schema, (node) => closedObject(bypassedEnum(nullableAsAnyOf(node)))) as SchemaNode;
}

/** Response schemas: nullable rewritten, refs pointed at the components registered in Ajv. */
export function responseSchema(schema: SchemaNode, componentsId: string): SchemaNode {
  return mapTree(schema, (node) => {
    const withRef =
      typeof node.$ref === "string" && node.$ref.startsWith("#/components/")
        ? { ...node, $ref: `${componentsId}${node.$ref}` }
        : node;
    return nullableAsAnyOf(withRef);
  }) as SchemaNode;
}
