/**
 * The path of a request's absolute URL, exactly as the URL parser reads it (`new URL(url).pathname`),
 * mostly without building a URL object: the plugins and the schema pick what to do by it for every
 * request. whatwg-node keeps the request line's text as `request.url` (`/./graphql` stays so), and
 * the `url` it hands to plugins parses the URL anew on every property read; so a URL whose scheme,
 * host and path hold only characters the parser keeps as they are is read by its characters,
 * and any other goes through the parser.
 */
export function pathOf(url: string): string {
  // The last URL's path, kept: yoga and the plugins ask it of each request five times or more.
  if (url === lastUrl) return lastPath;
  lastPath = readPath(url);
  lastUrl = url;
  return lastPath;
}

let lastUrl: string | undefined;
let lastPath = '';

function readPath(url: string): string {
  const authorityStart = url.indexOf('//') + 2;
  const start = url.indexOf('/', authorityStart);
  const query = url.indexOf('?', authorityStart);
  if (start !== -1 && (query === -1 || start < query)) {
    const end = query === -1 ? url.length : query;
    const path = url.slice(start, end);
    if (PLAIN_ORIGIN.test(url.slice(0, start)) && PLAIN_PATH.test(path)) return path;
  }
  return new URL(url).pathname;
}

/** `http(s)://host[:port]` with no user, no encoding, nothing the parser rewrites or strips. */
const PLAIN_ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
/** No dot segments, percent escapes, backslashes, fragments, whitespace or characters the parser escapes. */
const PLAIN_PATH = /^\/[A-Za-z0-9_~/-]*$/;

/**
 * yoga's URLPattern (its `fetchAPI.URLPattern`), for the patterns the gateway gives it: a path, or
 * `/:name(one|other)` for a choice of paths, matched exactly as URLPattern matches them. yoga tests
 * every request against its GraphQL endpoint's pattern, and the two endpoints are one pattern;
 * the URLPattern polyfill it uses on Node 20 spent ~1% of a 20-row page's CPU on that test.
 * Any other pattern is refused when it is built rather than matched wrongly.
 */
export class ExactPathPattern {
  private readonly paths: readonly string[];

  constructor({ pathname }: { pathname: string }) {
    const choice = /^\/:\w+\(([\w-]+(?:\|[\w-]+)*)\)$/.exec(pathname);
    if (choice?.[1] !== undefined) this.paths = choice[1].split('|').map((segment) => `/${segment}`);
    else if (PLAIN_PATH.test(pathname)) this.paths = [pathname];
    else throw new Error(`ExactPathPattern matches a path or a choice of paths, not "${pathname}"`);
  }

  test(input: string | { pathname: string }): boolean {
    return this.paths.includes(typeof input === 'string' ? pathOf(input) : input.pathname);
  }
}
