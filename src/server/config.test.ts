import { describe, expect, it } from 'vitest';
import { developmentFeatures, isLoopbackHost, loadConfig } from './config.ts';

const secret = { ROSTER_SECRET: 'x'.repeat(32) };

describe('mode', () => {
  it('is production when NODE_ENV is not set, with development features off', () => {
    const config = loadConfig({ ...secret });
    expect(config.env).toBe('production');
    expect(developmentFeatures(config)).toBe(false);
  });

  it('has development features only with NODE_ENV=development on a loopback host', () => {
    const dev = (HOST?: string) =>
      developmentFeatures(loadConfig({ ...secret, NODE_ENV: 'development', ...(HOST ? { HOST } : {}) }));
    expect(dev()).toBe(true);
    expect(dev('127.0.0.1')).toBe(true);
    expect(dev('localhost')).toBe(true);
    expect(dev('::1')).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'roster.example.com', '127.0.0.1.nip.io']) {
      expect(dev(host), host).toBe(false);
    }
    expect(developmentFeatures(loadConfig({ ...secret, NODE_ENV: 'test' }))).toBe(false);
    expect(isLoopbackHost('127.1.2.3')).toBe(true);
  });
});
