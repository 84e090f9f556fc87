import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to development on an embedded SQLite file under data/', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.database.type).toBe('sqlite');
    expect(config.database.type === 'sqlite' && config.database.path).toMatch(/data\/itss\.sqlite$/);
  });

  it('chooses MySQL/MariaDB from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/itss' }).database).toEqual({
      type: 'mysql',
      url: 'mariadb://root@127.0.0.1:3306/itss',
    });
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/itss?ssl=true' }).database.type).toBe('mysql');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.type).toBe('sqlite');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://localhost/itss'],
    ['DATABASE_URL', 'mysql://localhost'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
  ])('stops on a bad %s (%s), naming the key', (key, value) => {
    let caught: unknown;
    try {
      loadConfig({ [key]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.key)).toEqual([key]);
    expect((caught as ConfigError).message).toContain(key);
  });
});
