import nock from 'nock';

// No test may reach a real host; loopback servers started by tests stay allowed.
nock.disableNetConnect();
nock.enableNetConnect(
  (host) => host.startsWith('127.0.0.1') || host.startsWith('localhost') || host.startsWith('[::1]'),
);
