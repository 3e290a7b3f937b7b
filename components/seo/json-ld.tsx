import type { Thing, WithContext } from 'schema-dts';

/**
 * A JSON-LD block. `<` is escaped so no value (a headline, a name) can close the script
 * element early.
 */
export function JsonLd({ data }: { data: WithContext<Thing> }) {
  return (
    <script
      type="application/ld+json"
      // Data, not code: serialised JSON with `<` escaped.
      dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }}
    />
  );
}
