export { type RelayTarget, startTcpRelay, type TcpRelay } from './tcp-relay.js';
