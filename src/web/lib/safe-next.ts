/**
 * Where to go after sign-in: only a path of this site (no `//host`, no full URL), never the
 * sign-in page itself; anything else goes home. Prevents an open redirect through `?next=`.
 * @example safeNext('/customers?filter=overdue') // '/customers?filter=overdue'
 * @example safeNext('//evil.example') // '/'
 */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/sign-in/')) return '/';
  return next;
}
