export { asService, type CallContext, callHeaders, forwardFrom } from './call-context.js';
export { headerValues, type ResponseHeaders } from './response-headers.js';
export {
  type CallOptions,
  type CircuitStateName,
  type DownstreamRefusal,
  ServiceClient,
  type ServiceClientOptions,
  type ServiceResponse,
} from './service-client.js';
