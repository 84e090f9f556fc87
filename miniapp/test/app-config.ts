/**
 * app.config.ts as the build reads it: Taro provides `defineAppConfig` as a global at build time, so
 * tests define it as the identity before loading the file.
 */
type AppConfig = Taro.Config & {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string; text: string }[] };
};

export function loadAppConfig(): AppConfig {
  const scope = globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig };
  scope.defineAppConfig = (config) => config;
  return jest.requireActual<{ default: AppConfig }>('@/app.config').default;
}

/** Every page path of the app: the main package's pages and each subpackage's, prefixed by its root. */
export function appPages(config: AppConfig): string[] {
  const subPages = (config.subPackages ?? []).flatMap(({ root, pages }) =>
    pages.map((page) => `${root}/${page}`),
  );
  return [...config.pages, ...subPages];
}
