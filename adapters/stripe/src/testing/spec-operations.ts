import type { SpecOperation, StripeSpec } from "./stripe-spec.ts";

export interface MatchedOperation {
  method: string;
  template: string;
  operation: SpecOperation;
  pathParams: Record<string, string>;
}

interface Route {
  method: string;
  template: string;
  operation: SpecOperation;
  pattern: RegExp;
  names: string[];
}

/** Finds the spec operation of a request by method and path template, as Stripe routes it. */
export function createOperationIndex(spec: StripeSpec) {
  const routes: Route[] = [];
  for (const [template, operations] of Object.entries(spec.document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const names: string[] = [];
      const source = template
        .split("/")
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param?.[1]) return segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
          names.push(param[1]);
          return "([^/]+)";
        })
        .join("/");
      routes.push({
        method: method.toUpperCase(),
        template,
        operation,
        pattern: new RegExp(`^${source}$`),
        names,
      });
    }
  }
  // A literal segment wins over a parameter: /v1/customers/search before /v1/customers/{customer}.
  routes.sort((a, b) => a.names.length - b.names.length);

  const byId = new Map(routes.map((route) => [route.operation.operationId, route]));

  return {
    match(method: string, pathname: string): MatchedOperation | null {
      for (const route of routes) {
        if (route.method !== method) continue;
        const found = route.pattern.exec(pathname);
        if (!found) continue;
        const pathParams: Record<string, string> = {};
        route.names.forEach((name, index) => {
          pathParams[name] = decodeURIComponent(found[index + 1] ?? "");
        });
        return { method, template: route.template, operation: route.operation, pathParams };
      }
      return null;
    },
    byOperationId(operationId: string): SpecOperation | undefined {
      return byId.get(operationId)?.operation;
    },
  };
}

export type OperationIndex = ReturnType<typeof createOperationIndex>;
