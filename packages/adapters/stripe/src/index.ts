export { stripe, stripeDeclineCode } from './adapter';
export {
  stripeErrorBodySchema,
  stripeErrorObjectSchema,
  stripeOAuthErrorBodySchema,
  type StripeErrorObject,
  type StripeOAuthErrorBody,
} from './schemas';
