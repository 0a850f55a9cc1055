export { asService, type CallContext, callHeaders, forwardFrom } from './call-context.js';
export {
  type CallOptions,
  ServiceClient,
  type ServiceClientOptions,
  type ServiceResponse,
} from './service-client.js';
