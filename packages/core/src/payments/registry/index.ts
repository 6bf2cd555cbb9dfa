export {
  type GatewayRegistry,
  GatewayRegistryError,
  type LoadGatewayRegistryOptions,
  loadGatewayRegistry,
} from "./gateway-registry.ts";
