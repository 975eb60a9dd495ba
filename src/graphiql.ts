import type { GraphiQLOptions } from 'graphql-yoga';
import type { ExampleOperation } from './example-operations.js';

/**
 * GraphiQL opening on the example operations, one tab each, with their variables filled in.
 *
 * GraphiQL 5 fills its editors from `initialQuery`/`initialVariables` or from what it saved in
 * localStorage, never from the first of `defaultTabs` (graphql/graphiql#3392, graphql-yoga#3979):
 * the Variables pane stayed empty, and passing `initialVariables` instead would override the saved
 * tab on every reload. So on a browser's first visit the page saves the example tabs the way
 * GraphiQL saves its own (`graphiql:tabState`, and the active tab's query and variables), and
 * GraphiQL then opens them as it would after a reload; later visits keep what the person left.
 * `defaultTabs` stays for a browser that keeps no storage.
 */
export function graphiqlOptions(examples: readonly ExampleOperation[]): GraphiQLOptions {
  return {
    title: 'SecOps gateway',
    defaultTabs: examples.map((example) => ({ query: example.document, variables: JSON.stringify(example.variables, null, 2) })),
    defaultEditorToolsVisibility: 'variables',
  };
}

/**
 * yoga's bundled GraphiQL page (no CDN needed), preceded by the script that saves the example tabs on a first visit.
 * The bundle is imported on the first page asked for: held in memory it is some 35 MB of heap, which
 * a gateway serving no GraphiQL (live mode's default) should not carry.
 */
export async function renderGraphiQLWithExamples(options: GraphiQLOptions): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const tabs = (options.defaultTabs ?? []).map((tab, index) => {
    const operationName = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m.exec(tab.query ?? '')?.[1] ?? null;
    return {
      id: `example-${index}`,
      title: operationName ?? '<untitled>',
      query: tab.query ?? null,
      variables: tab.variables ?? null,
      headers: null,
      operationName,
      response: null,
    };
  });
  const page = renderGraphiQL(options);
  if (tabs.length === 0) return page;
  // JSON in a script element: `<` escaped so no text of an example can close the element.
  const data = JSON.stringify(tabs)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  const seed = `<script>
      (function (tabs) {
        try {
          if (localStorage.getItem('graphiql:tabState')) return;
          localStorage.setItem('graphiql:tabState', JSON.stringify({ activeTabIndex: 0, tabs: tabs }));
          localStorage.setItem('graphiql:query', tabs[0].query);
          localStorage.setItem('graphiql:variables', tabs[0].variables);
        } catch (error) {
          // No storage (a private window that refuses it): GraphiQL falls back to defaultTabs.
        }
      })(${data});
    </script>`;
  const at = page.indexOf('<script>');
  if (at < 0) throw new Error('the GraphiQL page has no <script> element to put the example tabs before');
  return `${page.slice(0, at)}${seed}\n      ${page.slice(at)}`;
}
