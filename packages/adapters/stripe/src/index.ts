export { stripe, stripeDeclineCode } from './adapter';
export type { StripeErrorObject, StripeOAuthErrorBody } from './stripe-error-body';
