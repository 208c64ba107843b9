#!/usr/bin/env node
// npm run readme: regenerates what README.md shows of the CLI's output, and the trend chart it links to, from the
// built CLI on the shipped presets. Each block sits between <!-- NAME:start --> and <!-- NAME:end --> markers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = `${root}bin/aicompare.js`;
const run = (args) =>
  execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '80' } }).trimEnd();

const blocks = {
  example: ['$ aicompare grok3 deepseek-r1', run(['grok3', 'deepseek-r1'])],
  trend: [
    '$ aicompare trend --benchmark gpqa_diamond',
    run(['trend', '--benchmark', 'gpqa_diamond', '--chart', '--svg', `${root}test/readme/trend-gpqa_diamond.svg`]),
  ],
};

let readme = readFileSync(`${root}README.md`, 'utf8');
for (const [name, [command, output]] of Object.entries(blocks)) {
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!pattern.test(readme)) throw new Error(`README.md has no <!-- ${name}:start --> ... <!-- ${name}:end --> block`);
  readme = readme.replace(pattern, (_, start, end) => `${start}\`\`\`text\n${command}\n${output}\n\`\`\`\n${end}`);
}
writeFileSync(`${root}README.md`, readme);
