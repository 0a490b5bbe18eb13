/** Providers and the shell. The core connection is made once, before the first render. */
import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { CoreProvider } from './core/core-context';
import type { Core } from './core/core-context';
import { MissingToken } from './missing-token';
import { Shell } from './shell';

export type AppProps = { core: Core; queryClient: QueryClient } | { core: null; queryClient?: undefined };

export function App(props: AppProps) {
  if (!props.core) return <MissingToken />;
  return (
    <QueryClientProvider client={props.queryClient}>
      <CoreProvider core={props.core}>
        <Shell />
      </CoreProvider>
    </QueryClientProvider>
  );
}
