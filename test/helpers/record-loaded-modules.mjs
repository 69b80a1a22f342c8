// Preloaded with `node --import` by test/cli/lazy-startup.test.ts: appends every module the process
// loads to the file named by LOADED_MODULES_LOG, ES modules (through a load hook, which sees tsx's
// sources too) and CommonJS ones (require's cache at exit, which holds packages loaded by require).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.LOADED_MODULES_LOG;
if (log) {
  register(`data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      appendFileSync(${JSON.stringify(log)}, url + '\\n');
      return next(url, context);
    }`)}`);
  process.on('exit', () => appendFileSync(log, Object.keys(createRequire(import.meta.url).cache).map((f) => `${f}\n`).join('')));
}
