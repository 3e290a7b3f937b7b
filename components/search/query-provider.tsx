'use client';

import { isServer, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

/**
 * React Query for the search box's suggestions. The box loads it on first use, so it renders in
 * the browser; the server-side setting below keeps it safe should it ever render on the server.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // Matches the API's Cache-Control: the same query typed again is answered at once.
            staleTime: 60_000,
            // On the server a finite gcTime starts a timer per render that keeps the whole
            // client (and what it references) alive for that long: a leak under load.
            // Infinity is React Query's server default: nothing is scheduled, memory is freed
            // with the request.
            gcTime: isServer ? Infinity : 5 * 60_000,
            retry: 1,
            refetchOnWindowFocus: false,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
