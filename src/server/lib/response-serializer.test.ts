import Fastify from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializerCompiler } from './response-serializer.ts';

const member = z.object({
  id: z.string(),
  role: z.enum(['owner', 'collaborator']),
  last_active_at: z.string().nullable(),
  groups: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});

async function appAnswering(data: unknown, options: { verify: boolean }, schema: z.ZodType = member) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(options));
  app.get('/thing', { schema: { response: { 200: schema } } }, async () => data);
  await app.ready();
  return app;
}

describe('response serializer', () => {
  for (const verify of [false, true]) {
    it(`writes the declared fields only (verify: ${verify})`, async () => {
      const app = await appAnswering(
        {
          id: 'm1',
          role: 'owner',
          last_active_at: null,
          groups: [{ id: 'g1', name: 'Eng', secret: 'no' }],
          password_hash: 'scrypt$…',
        },
        { verify },
      );
      const response = await app.inject({ url: '/thing' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        id: 'm1',
        role: 'owner',
        last_active_at: null,
        groups: [{ id: 'g1', name: 'Eng' }],
      });
      expect(response.body).not.toContain('scrypt');
      await app.close();
    });
  }

  it('with verify, an answer that breaks its contract is an error, not a reply', async () => {
    const app = await appAnswering({ id: 'm1', role: 'admin', last_active_at: null }, { verify: true });
    const response = await app.inject({ url: '/thing' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('admin');
    await app.close();
  });

  it('keeps zod for a schema JSON Schema cannot express', async () => {
    const custom = z.object({ when: z.custom<string>((value) => typeof value === 'string') });
    const app = await appAnswering({ when: 'now', extra: 1 }, { verify: false }, custom);
    const response = await app.inject({ url: '/thing' });
    expect(response.json()).toEqual({ when: 'now' });
    await app.close();
  });
});
