import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The documents a reader follows links through: a link or image that points at a moved file or
 * a renamed section fails here instead of on a reader's screen.
 */
const ROOT = path.join(__dirname, '..', '..');
const DOCUMENTS = [
  'README.md',
  'README.ja.md',
  'ARCHITECTURE.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** `[text](target)` and `![alt](target)`, the target up to a space or `)`. */
const LINK = /!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

/** Code is not prose: a `[x](y)` inside a fence or backticks is not a link. */
function withoutCode(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a document has, with GitHub's `-1`, `-2` … for repeated headings. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutCode(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = anchorOf(heading ?? '');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The problems of one document's relative links: a missing file, or a missing section. */
function brokenLinks(document: string): string[] {
  const markdown = readFileSync(path.join(ROOT, document), 'utf8');
  const problems: string[] = [];
  for (const [, target] of withoutCode(markdown).matchAll(LINK)) {
    if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [file = '', anchor] = target.split('#');
    const resolved = file === '' ? document : path.join(path.dirname(document), file);
    if (!existsSync(path.join(ROOT, decodeURI(resolved)))) {
      problems.push(`${document}: ${target} (no file ${resolved})`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md')) {
      const anchors = anchorsOf(readFileSync(path.join(ROOT, resolved), 'utf8'));
      if (!anchors.has(decodeURIComponent(anchor))) {
        problems.push(`${document}: ${target} (no section #${anchor} in ${resolved})`);
      }
    }
  }
  return problems;
}

describe('the documents link to what exists', () => {
  it.each(DOCUMENTS)('%s: every relative link and image resolves', (document) => {
    expect(brokenLinks(document)).toEqual([]);
  });

  it('finds links and anchors the way GitHub renders them', () => {
    expect(anchorOf('Outbound lists (名簿の消化, v2)')).toBe('outbound-lists-名簿の消化-v2');
    expect(anchorOf('Signing in and pairing a TV')).toBe('signing-in-and-pairing-a-tv');
    expect([...anchorsOf('# A\n## Same\n```\n# not a heading\n```\n## Same\n')]).toEqual([
      'a',
      'same',
      'same-1',
    ]);
  });
});
