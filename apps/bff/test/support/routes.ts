import type { Express } from 'express';
import type { Capability } from '@imilo/domain';

/** A route the live app answers, with the capability its guard checks (null: no `requireCapability`). */
export interface LiveRoute {
  readonly method: string;
  /** Express form, with the mount prefixes: `/api/v1/admin/users/:id`. */
  readonly path: string;
  readonly capability: Capability | null;
}

interface Layer {
  readonly route?: { readonly path: unknown; readonly methods: Record<string, boolean>; readonly stack: readonly Layer[] };
  readonly handle: { readonly stack?: readonly Layer[]; readonly capability?: Capability };
  /** Express 5 (router 2) keeps the path a layer was mounted at. */
  readonly rawPath?: unknown;
}

const mountPath = (layer: Layer): string => {
  if (typeof layer.rawPath !== 'string') {
    throw new Error(`a router is mounted at a non-string path (${String(layer.rawPath)}): the route walk cannot name its routes`);
  }
  return layer.rawPath === '/' ? '' : layer.rawPath;
};

/**
 * Every `/api` route of the app, found by walking the live router stack (nested routers included), each with the
 * capability of its guard: on the route itself, or a `router.use(requireCapability(…))` before it.
 */
export const liveRoutes = (app: Express): LiveRoute[] => {
  const routes: LiveRoute[] = [];
  const walk = (stack: readonly Layer[], prefix: string, inherited: Capability | null): void => {
    let guard = inherited;
    for (const layer of stack) {
      if (layer.route) {
        // The PWA's catch-all is a regular expression outside /api.
        if (typeof layer.route.path !== 'string') {
          continue;
        }
        const capability = layer.route.stack.find((handler) => handler.handle.capability)?.handle.capability ?? guard;
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
          routes.push({ method: method.toUpperCase(), path: `${prefix}${layer.route.path}`, capability });
        }
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, `${prefix}${mountPath(layer)}`, guard);
      } else if (layer.handle.capability) {
        guard = layer.handle.capability;
      }
    }
  };
  walk((app as unknown as { router: { stack: readonly Layer[] } }).router.stack, '', null);
  return routes.filter((route) => route.path.startsWith('/api/'));
};

/** `METHOD /path`, as failure messages name a route. */
export const routeName = (route: Pick<LiveRoute, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** The OpenAPI form of an Express path: `:id` → `{id}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');
