import { build } from 'esbuild';
await build({ entryPoints: ['/tmp/sumfull.ts'], outfile: process.argv[2], bundle: true, format: 'esm', platform: 'node', logLevel: 'warning', banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" } });
