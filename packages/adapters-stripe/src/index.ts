export { createStripeGateway, type StripeGatewayOptions } from './stripe-gateway.js';
