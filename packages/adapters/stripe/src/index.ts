export { stripe } from './adapter';
export { stripeDeclineCode } from './stripe-error-body';
export type { StripeErrorObject, StripeOAuthErrorBody } from './stripe-error-body';
