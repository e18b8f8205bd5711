/**
 * How wide a big number is, in "digit widths", so a tile can size it to fit its width: digits
 * and letters count one, separators about half, and wide glyphs — Japanese formatting's
 * full-width yen `￥`, kanji units — nearly two. Counting characters alone let `￥18,149` run
 * out of its tile on the Japanese board.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x1100) width += 1.75;
    else if (',.:'.includes(char)) width += 0.55;
    else width += 1;
  }
  return width;
}
