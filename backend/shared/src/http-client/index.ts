export { asService, type CallContext, callHeaders, forwardFrom } from './call-context.js';
export {
  type CallOptions,
  type CircuitStateName,
  ServiceClient,
  type ServiceClientOptions,
  type ServiceResponse,
} from './service-client.js';
