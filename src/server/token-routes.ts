/**
 * `/api/tokens` (admin): list tokens (never their secrets), create one (its secret is in the
 * answer, once), revoke one. The same store functions as `sitrep token`. `/api/me` tells any
 * caller its own role (the dashboard shows admin tools by it).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { createToken, listTokens, revokeToken, type Store } from '../store/index.js';
import { requireRole, type AppEnv } from './auth.js';
import { ApiError } from './errors.js';
import { errorResponses, RoleSchema } from './schemas.js';

const TokenInfoSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role: RoleSchema,
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .openapi('TokenInfo');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export function tokenRoutes(app: OpenAPIHono<AppEnv>, store: Store): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      summary: 'Who the token is: its name and role (null when reading anonymously)',
      responses: {
        200: json(
          z.object({ name: z.string().nullable(), role: RoleSchema.nullable() }),
          'the caller',
        ),
        ...errorResponses(401, 429),
      },
    }),
    (c) => {
      const p = c.get('principal');
      return c.json({ name: p?.name ?? null, role: p?.role ?? null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tokens',
      summary: 'API tokens, without their secrets (admin)',
      middleware: [requireRole('admin')] as const,
      request: {
        query: z.object({
          revoked: z
            .enum(['true', 'false'])
            .optional()
            .describe('include revoked tokens; default false'),
        }),
      },
      responses: {
        200: json(z.object({ tokens: z.array(TokenInfoSchema) }), 'the tokens'),
        ...errorResponses(400, 401, 403, 429),
      },
    }),
    async (c) => {
      const { revoked } = c.req.valid('query');
      return c.json(
        { tokens: await listTokens(store, { includeRevoked: revoked === 'true' }) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tokens',
      summary: 'Create a token; the secret is in this answer only (admin)',
      middleware: [requireRole('admin')] as const,
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.strictObject({
                role: RoleSchema,
                name: z.string().trim().min(1).max(100).optional().describe('default: the role'),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(
          z.object({ token: z.string(), info: TokenInfoSchema }).openapi('NewToken'),
          'the secret (shown once) and the token’s row',
        ),
        ...errorResponses(400, 401, 403, 429),
      },
    }),
    async (c) => {
      const { role, name } = c.req.valid('json');
      const created = await createToken(store, { role, name: name ?? role });
      c.header('Cache-Control', 'no-store');
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/tokens/{id}',
      summary: 'Revoke a token at once (admin)',
      middleware: [requireRole('admin')] as const,
      request: { params: z.object({ id: z.coerce.number().int().min(1) }) },
      responses: {
        200: json(z.object({ id: z.number().int(), revoked: z.literal(true) }), 'revoked'),
        ...errorResponses(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await revokeToken(store, id))) {
        throw new ApiError(404, 'not_found', `no live token ${id}`);
      }
      return c.json({ id, revoked: true as const }, 200);
    },
  );
}
