export {
  CLIENT_IP_HEADER,
  type ClientIpSource,
  clientIp,
  parseTrustedProxies,
  type TrustedProxies,
  withClientIpHeader,
} from "./client-ip.ts";
export { networkConfig } from "./config.ts";
