import Link from 'next/link';

import { TYPE_LABELS } from '@/components/search/type-labels';
import { searchPath } from '@/lib/search/query';
import { SEARCH_TYPES, type SearchResponse } from '@/lib/search/types';

/** Result counts per type and per topic, each a plain link that filters the results. */
export function SearchFilters({
  query,
  counts,
  exact,
}: Pick<SearchResponse, 'query' | 'counts' | 'exact'>) {
  const allTypes = SEARCH_TYPES.reduce((sum, type) => sum + counts.type[type], 0);
  return (
    <div className="flex flex-col gap-6 text-sm">
      <nav aria-labelledby="filter-type">
        <h2 id="filter-type" className="mb-2 font-semibold text-slate-800">
          Type
        </h2>
        <ul className="flex flex-wrap gap-2 lg:flex-col lg:gap-1">
          <FilterLink
            href={searchPath({ ...query, type: null, page: 1 })}
            current={query.type === null}
            label="All"
            count={allTypes}
            exact={exact}
          />
          {SEARCH_TYPES.map((type) => (
            <FilterLink
              key={type}
              href={searchPath({ ...query, type, page: 1 })}
              current={query.type === type}
              label={TYPE_LABELS[type].many}
              count={counts.type[type]}
              exact={exact}
            />
          ))}
        </ul>
      </nav>
      {(counts.topic.length > 0 || query.topic) && (
        <nav aria-labelledby="filter-topic">
          <h2 id="filter-topic" className="mb-2 font-semibold text-slate-800">
            Topic
          </h2>
          <ul className="flex flex-wrap gap-2 lg:flex-col lg:gap-1">
            <FilterLink
              href={searchPath({ ...query, topic: null, page: 1 })}
              current={query.topic === null}
              label="Any topic"
            />
            {counts.topic.map((topic) => (
              <FilterLink
                key={topic.slug}
                href={searchPath({ ...query, topic: topic.slug, page: 1 })}
                current={query.topic === topic.slug}
                label={topic.label}
                count={topic.count}
                exact={exact}
              />
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}

function FilterLink({
  href,
  current,
  label,
  count,
  exact = true,
}: {
  href: string;
  current: boolean;
  label: string;
  count?: number;
  /** False: the count is an estimate, shown as "about". */
  exact?: boolean;
}) {
  return (
    <li>
      <Link
        href={href}
        aria-current={current ? 'true' : undefined}
        className={`flex items-center justify-between gap-3 rounded-md px-3 py-1.5 ${
          current
            ? 'bg-brand-700 font-semibold text-white'
            : 'bg-slate-100 text-slate-800 hover:bg-slate-200 lg:bg-transparent'
        }`}
      >
        <span>{label}</span>
        {count !== undefined && (
          <span className={current ? 'text-white' : 'text-slate-600'}>
            {!exact && (
              <>
                <span aria-hidden="true">≈</span>
                <span className="sr-only">about </span>
              </>
            )}
            {count.toLocaleString('en-US')}
          </span>
        )}
      </Link>
    </li>
  );
}
