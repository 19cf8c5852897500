/**
 * `/api/brief`: the analytic brief for a filter as HTML, Markdown or PDF, built by `buildBrief`
 * and rendered by the report stage (the server computes nothing itself).
 *
 * The HTML brief carries its own CSP, stricter than the dashboard's: no scripts at all, only its
 * inline `<style>` and inline SVG. PDFs are printed by Chromium, one at a time (each launch
 * costs a few hundred MB), and a server without Chromium answers 503 instead of a stack.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { FilterParamsSchema } from '../model/filter-params.js';
import {
  BriefError,
  buildBrief,
  renderHtml,
  renderMarkdown,
  renderPdf,
  type Brief,
} from '../report/index.js';
import { chromiumAvailable, CHROMIUM_PATH } from '../report/chromium.js';
import type { Store } from '../store/index.js';
import type { AppEnv } from './auth.js';
import { TICKET_TTL_MS, type LinkTickets } from './link-tickets.js';
import { ApiError } from './errors.js';
import { filterOf } from './params.js';
import { errorResponses } from './schemas.js';
import { serializer } from './serialize.js';

/** No script, no network: the page is styles and SVG drawn inline. */
export const BRIEF_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
} as const;

const BRIEF_PATH = '/api/brief';

const BriefQuerySchema = FilterParamsSchema.extend({
  format: z.enum(['html', 'md', 'pdf']).optional().describe('default html'),
  compare: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'expected an ISO3 country code')
    .optional()
    .describe('ISO3 of a country to compare dispersion with (needs one country in the filter)'),
  title: z.string().max(200).optional().describe('default: actors, countries and window'),
});

const briefRoute = createRoute({
  method: 'get',
  path: BRIEF_PATH,
  summary: 'The analytic brief for the filter, as HTML (default), Markdown or PDF',
  request: {
    query: BriefQuerySchema.extend({
      ticket: z
        .string()
        .optional()
        .describe('from /api/brief/link, instead of a token (for a browser tab)'),
    }),
  },
  responses: {
    200: {
      description: 'the brief',
      content: Object.fromEntries(Object.values(TYPES).map((t) => [t, { schema: z.string() }])),
    },
    ...errorResponses(400, 401, 429),
    503: {
      description: 'PDF asked for but Chromium is not installed',
      content: {
        'application/json': { schema: z.object({ error: z.string(), code: z.string() }) },
      },
    },
  },
});

/**
 * Markdown with its figures as `data:` URIs: the file renderer writes them beside the .md,
 * which a single HTTP answer cannot do.
 */
function markdownWithFigures(brief: Brief): string {
  const rendered = renderMarkdown(brief, 'figure');
  let markdown = rendered.markdown;
  for (const f of rendered.files) {
    const uri = `data:image/svg+xml;base64,${Buffer.from(f.content).toString('base64')}`;
    markdown = markdown.split(`](${encodeURI(f.path)})`).join(`](${uri})`);
  }
  return markdown;
}

const linkRoute = createRoute({
  method: 'get',
  path: `${BRIEF_PATH}/link`,
  summary: 'A link to this brief that a browser tab can open without the token (10 minutes)',
  description:
    'A GET, not a POST, although it issues a ticket: POSTs empty the response cache, and a ticket changes no data.',
  request: { query: BriefQuerySchema },
  responses: {
    200: {
      description: 'the link',
      content: {
        'application/json': {
          schema: z.object({ url: z.string(), expires_at: z.string().nullable() }),
        },
      },
    },
    ...errorResponses(400, 401, 429),
  },
});

export function briefRoutes(app: OpenAPIHono<AppEnv>, store: Store, tickets: LinkTickets): void {
  const printing = serializer();

  app.openapi(linkRoute, (c) => {
    filterOf(c.req.valid('query'));
    const query = new URL(c.req.url).searchParams;
    query.delete('ticket');
    const principal = c.get('principal');
    // Anonymous read: the plain URL already opens.
    if (!principal) return c.json({ url: `${BRIEF_PATH}?${query}`, expires_at: null }, 200);
    query.set('ticket', tickets.issue(principal, BRIEF_PATH));
    const expires_at = new Date(Date.now() + TICKET_TTL_MS).toISOString();
    return c.json({ url: `${BRIEF_PATH}?${query}`, expires_at }, 200);
  });

  app.openapi(briefRoute, async (c) => {
    const { format = 'html', compare, title, ticket: _ticket, ...params } = c.req.valid('query');
    const filter = filterOf(params);
    if (format === 'pdf' && !chromiumAvailable()) {
      throw new ApiError(
        503,
        'unavailable',
        `PDF briefs need Chromium, not found at ${CHROMIUM_PATH}; ask for format=html or install the Debian package "chromium"`,
      );
    }
    let brief: Brief;
    try {
      brief = await buildBrief(store, filter, { compare: compare?.toUpperCase(), title });
    } catch (err) {
      if (err instanceof BriefError) {
        // Its messages start with the parameter at fault: "compare: IRQ needs exactly one country".
        const field = /^(\w+):/.exec(err.message)?.[1];
        throw new ApiError(
          400,
          'invalid_parameter',
          err.message,
          field === 'filter' ? 'from' : field,
        );
      }
      throw err;
    }
    const headers = { 'Content-Type': TYPES[format], 'Cache-Control': 'no-store' };
    if (format === 'html') {
      return c.body(renderHtml(brief), 200, { ...headers, 'Content-Security-Policy': BRIEF_CSP });
    }
    if (format === 'md') {
      return c.body(markdownWithFigures(brief), 200, {
        ...headers,
        'Content-Disposition': 'inline; filename="sitrep-brief.md"',
      });
    }
    const pdf = await printing(() => renderPdf(brief));
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'Content-Disposition': 'inline; filename="sitrep-brief.pdf"',
    });
  });
}
