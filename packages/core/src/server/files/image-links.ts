/**
 * The image links of a generation answer, in the order the client numbers its images: every
 * `image` content item of every choice, or the older `output.results[].url` shape. The proxy
 * serves image `i` of a stored answer at `{prefix}/v1/images/files/{key}/{i}`.
 */

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The objects that hold an image link, and the field that holds it, in image order. */
function linkHolders(json: unknown): Array<{ holder: JsonRecord; field: 'image' | 'url' }> {
  const output = isRecord(json) && isRecord(json.output) ? json.output : {};
  const holders: Array<{ holder: JsonRecord; field: 'image' | 'url' }> = [];
  for (const choice of Array.isArray(output.choices) ? output.choices : []) {
    if (!isRecord(choice) || !isRecord(choice.message)) continue;
    const content = Array.isArray(choice.message.content) ? choice.message.content : [];
    for (const item of content) {
      if (!isRecord(item) || typeof item.image !== 'string' || item.image === '') continue;
      if (item.type !== undefined && item.type !== 'image') continue;
      holders.push({ holder: item, field: 'image' });
    }
  }
  if (holders.length > 0) return holders;
  for (const result of Array.isArray(output.results) ? output.results : []) {
    if (isRecord(result) && typeof result.url === 'string' && result.url !== '') {
      holders.push({ holder: result, field: 'url' });
    }
  }
  return holders;
}

/** The field that keeps the upstream link beside a rewritten one. */
export const upstreamLinkField = 'upstream_image';

/** The upstream link of every image of `json` (after a rewrite, the kept original). */
export function imageLinks(json: unknown): string[] {
  return linkHolders(json).map(({ holder, field }) => {
    const kept = holder[upstreamLinkField];
    return typeof kept === 'string' ? kept : (holder[field] as string);
  });
}

/**
 * A copy of `json` whose image links are `linkFor(index)`, each original kept beside it as
 * `upstream_image`; the rest of the guide's shape is unchanged.
 */
export function rewriteImageLinks(json: unknown, linkFor: (index: number) => string): unknown {
  const copy: unknown = structuredClone(json);
  linkHolders(copy).forEach(({ holder, field }, index) => {
    holder[upstreamLinkField] = holder[field];
    holder[field] = linkFor(index);
  });
  return copy;
}
