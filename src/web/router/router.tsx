import { type AnchorHTMLAttributes, type MouseEvent, useMemo, useSyncExternalStore } from 'react';

/**
 * A small router over `window.location` and the History API: enough for a handful of pages whose
 * filters live in the query string. Pages subscribe to the location; links push a new entry.
 */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** Goes to `to` (a path with an optional query string); `replace` keeps the history length. */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo?.({ top: 0 });
  notify();
}

export interface Location {
  pathname: string;
  search: string;
}

/** The current path and query string; re-renders on every navigation. */
export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  return useMemo(() => {
    const index = current.indexOf('?');
    return index < 0
      ? { pathname: current, search: '' }
      : { pathname: current.slice(0, index), search: current.slice(index) };
  }, [current]);
}

/** The current query string as URLSearchParams (read-only use). */
export function useSearchParams(): URLSearchParams {
  const { search } = useLocation();
  return useMemo(() => new URLSearchParams(search), [search]);
}

/**
 * Writes query parameters onto the current path: `undefined`, `null` and `''` remove a key.
 * @example setSearchParams({ page: 2 }) // keeps the other filters
 */
export function setSearchParams(
  changes: Record<string, string | number | null | undefined>,
  { replace = false }: { replace?: boolean } = {},
): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  // Filters change in place: no scroll to the top, unlike a move to another page.
  const to = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; replace?: boolean };

/** An anchor that navigates in place (and still opens in a new tab with a modifier key). */
export function Link({ to, replace, onClick, target, ...rest }: LinkProps) {
  return (
    <a
      href={to}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || target === '_blank' || !isPlainLeftClick(event)) return;
        event.preventDefault();
        navigate(to, { replace });
      }}
      {...rest}
    />
  );
}
