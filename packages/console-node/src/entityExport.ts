/** A page of a store's export, after the item the last page ended with. */
export interface ExportPage<T> {
  items: T[];
  nextAfter?: string;
}

/**
 * Answers `GET /catalog-entities`, the route a console entity provider
 * pages through: the `ETag` is the export's version, read before the page
 * (a change while the provider pages through gives it a new tag next time
 * rather than a stale one), and a first page asked with that tag in
 * `If-None-Match` is a 304 without a body.
 *
 * @public
 */
export async function sendEntityExport<T>(
  req: {
    query: { limit?: number; after?: string };
    header(name: string): string | undefined;
  },
  res: {
    setHeader(name: string, value: string): unknown;
    status(code: number): { end(): unknown };
    json(body: unknown): unknown;
  },
  source: {
    /** The export's version: changes whenever an exported item does. */
    version(): Promise<string | number>;
    page(options: { limit: number; after?: string }): Promise<ExportPage<T>>;
    toEntity(item: T): unknown;
  },
  defaultLimit = 500,
): Promise<void> {
  const etag = `"${await source.version()}"`;
  res.setHeader('ETag', etag);
  if (!req.query.after && req.header('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  const page = await source.page({
    limit: req.query.limit ?? defaultLimit,
    after: req.query.after,
  });
  res.json({
    items: page.items.map(item => source.toEntity(item)),
    nextAfter: page.nextAfter,
  });
}
