/** The Get Started walkthrough: each step completes on a command the extension contributes, and its media ships. */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('walkthrough', () => {
  const [walk] = manifest.contributes.walkthroughs as Array<{ steps: Array<{ id: string; description: string; media: { markdown: string }; completionEvents: string[] }> }>;
  const commands = new Set((manifest.contributes.commands as Array<{ command: string }>).map((c) => c.command));
  it('plan → fit → config → sweep, each completing on a contributed command and linking to one', () => {
    assert.deepEqual(walk.steps.map((s) => s.id), ['plan', 'fit', 'config', 'sweep']);
    for (const s of walk.steps) {
      assert.ok(s.completionEvents.length > 0, s.id);
      for (const ev of s.completionEvents) {
        const m = /^onCommand:(.+)$/.exec(ev);
        assert.ok(m && commands.has(m[1]), `${s.id}: ${ev} is a contributed command`);
      }
      const link = /\(command:([\w.]+)\)/.exec(s.description);
      assert.ok(link && commands.has(link[1]), `${s.id}: its button runs a contributed command`);
    }
  });
  it('every step\'s Markdown exists and is packaged (media/** is in .vscodeignore\'s allow list)', () => {
    for (const s of walk.steps) assert.ok(fs.statSync(path.join(ROOT, s.media.markdown)).size > 100, s.media.markdown);
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!media\/\*\*$/m);
  });
});
