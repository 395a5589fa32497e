import type { BucketDefinition, LimitRequest } from '@rosetta/core';

const MINUTE = 60_000;
const DOCS = 'https://docs.slack.dev/apis/web-api/rate-limits';
// Slack's own Java SDK encodes the docs as numbers and a method table:
// slackapi/java-slack-sdk slack-api-client/src/main/java/com/slack/api/methods/MethodsRateLimitTier.java
// and MethodsRateLimits.java (method -> tier). Methods it does not list default to Tier 2 there
// ("Tier2 ... works for most cases"), as the docs say "most methods allow at least 20 requests per minute".
const TIER_TABLE =
  'https://github.com/slackapi/java-slack-sdk/blob/main/slack-api-client/src/main/java/com/slack/api/methods/MethodsRateLimits.java';

/** Methods outside Tier 2 (current, non-legacy methods of MethodsRateLimits.java). */
const TIERS: Readonly<Record<string, 1 | 3 | 4 | 600>> = Object.assign(
  Object.create(null) as Record<string, 1 | 3 | 4 | 600>,
  tier(1, [
    'admin.apps.uninstall',
    'admin.conversations.restrictAccess.removeGroup',
    'admin.conversations.whitelist.remove',
    'admin.teams.create',
    'admin.usergroups.addChannels',
    'admin.users.unsupportedVersions.export',
    'apps.connections.open',
    'apps.manifest.create',
    'apps.manifest.delete',
    'apps.manifest.update',
    'apps.uninstall',
    'conversations.acceptSharedInvite',
    'conversations.approveSharedInvite',
    'conversations.declineSharedInvite',
    'conversations.listConnectInvites',
    'rtm.connect',
    'rtm.start',
    'team.externalTeams.disconnect',
    'tooling.tokens.rotate',
  ]),
  tier(3, [
    'admin.apps.activities.list',
    'admin.apps.config.set',
    'admin.functions.permissions.lookup',
    'admin.functions.permissions.set',
    'admin.roles.listAssignments',
    'admin.teams.admins.list',
    'admin.teams.list',
    'admin.teams.owners.list',
    'admin.teams.settings.info',
    'admin.teams.settings.setName',
    'admin.users.list',
    'apps.manifest.export',
    'apps.manifest.validate',
    'auth.revoke',
    'bookmarks.list',
    'bots.info',
    'canvases.access.delete',
    'canvases.access.set',
    'canvases.delete',
    'canvases.edit',
    'canvases.sections.lookup',
    'chat.delete',
    'chat.deleteScheduledMessage',
    'chat.meMessage',
    'chat.scheduleMessage',
    'chat.scheduledMessages.list',
    'chat.unfurl',
    'chat.update',
    'conversations.history',
    'conversations.info',
    'conversations.invite',
    'conversations.join',
    'conversations.kick',
    'conversations.leave',
    'conversations.mark',
    'conversations.open',
    'conversations.replies',
    'dnd.info',
    'files.delete',
    'files.list',
    'files.revokePublicURL',
    'files.sharedPublicURL',
    'functions.completeError',
    'functions.completeSuccess',
    'oauth.v2.exchange',
    'openid.connect.userInfo',
    'reactions.add',
    'reactions.get',
    'stars.list',
    'team.billing.info',
    'team.info',
    'team.preferences.list',
    'team.profile.get',
    'users.getPresence',
    'users.identity',
    'users.lookupByEmail',
    'users.profile.set',
  ]),
  tier(4, [
    'admin.auth.policy.assignEntities',
    'admin.auth.policy.getEntities',
    'admin.auth.policy.removeEntities',
    'admin.users.session.clearSettings',
    'admin.users.session.getSettings',
    'admin.users.session.setSettings',
    'api.test',
    'apps.event.authorizations.list',
    'chat.postEphemeral',
    'conversations.members',
    'dialog.open',
    'files.completeUploadExternal',
    'files.getUploadURLExternal',
    'files.info',
    'oauth.access',
    'oauth.token',
    'oauth.v2.access',
    'openid.connect.token',
    'users.info',
    'users.profile.get',
    'views.open',
    'views.publish',
    'views.push',
    'views.update',
  ]),
  // Special tiers: "hundreds of requests per minute" (600 in the Java SDK).
  tier(600, ['auth.test', 'chat.getPermalink']),
);

function tier<T extends 1 | 3 | 4 | 600>(value: T, methods: readonly string[]): Record<string, T> {
  return Object.fromEntries(methods.map((method) => [method, value]));
}

const POST_MESSAGE = 'chat.postMessage';

/** `chat.postMessage` from `/chat.postMessage` (the client's base URL ends in `/api`). */
export function slackMethodOf(request: LimitRequest): string {
  return request.path.replace(/^\/+/, '');
}

/** The tier of a Web API method: 1, 2, 3, 4, or 600 for the special "hundreds per minute" methods. */
export function slackTierOf(method: string): 1 | 2 | 3 | 4 | 600 {
  return TIERS[method] ?? 2;
}

function channelOf(request: LimitRequest): string | undefined {
  const channel = (request.body as { channel?: unknown } | undefined)?.channel ?? request.query?.channel;
  return typeof channel === 'string' ? channel : undefined;
}

/** One sliding window per (token, method) for every method of `tierValue`. */
function tierBucket(tierValue: 1 | 2 | 3 | 4 | 600, limit: number): BucketDefinition {
  return {
    id: tierValue === 600 ? 'tier-special' : `tier${tierValue}`,
    model: 'sliding-window',
    limit,
    windowMs: MINUTE,
    source: tierValue === 600 ? TIER_TABLE : DOCS,
    scope: (r) => {
      const method = slackMethodOf(r);
      return method !== POST_MESSAGE && slackTierOf(method) === tierValue ? `${r.credentialKey} ${method}` : null;
    },
  };
}

/**
 * Slack's Web API limits: "per API method per workspace/team per app" (a token is one app in one
 * workspace), in tiers of 1+, 20+, 50+ and 100+ per minute, counted here as sliding windows since
 * Slack publishes no window shape and sends only `Retry-After`; a 429 teaches a lower limit when
 * Slack enforces one (see the limiter's sliding window). `chat.postMessage`: "one message per
 * second per channel" plus a workspace-wide limit of "several hundred messages per minute"
 * (declared as 300). The tier numbers are Slack's documented minimums.
 *
 * @example
 * createClient(slack, { rateLimit: { buckets: { tier3: { limit: 100 } } } });
 */
export const slackLimits: readonly BucketDefinition[] = [
  // The channel's bucket comes first: a 429 on chat.postMessage pauses that channel only.
  {
    id: 'post-message',
    model: 'min-interval',
    intervalMs: 1_000,
    source: DOCS,
    scope: (r) => (slackMethodOf(r) === POST_MESSAGE ? `${r.credentialKey} ${channelOf(r) ?? ''}` : null),
  },
  {
    id: 'post-message-workspace',
    model: 'sliding-window',
    limit: 300,
    windowMs: MINUTE,
    source: DOCS,
    scope: (r) => (slackMethodOf(r) === POST_MESSAGE ? r.credentialKey : null),
  },
  tierBucket(1, 1),
  tierBucket(2, 20),
  tierBucket(3, 50),
  tierBucket(4, 100),
  tierBucket(600, 600),
];
