import { field, fields } from './frame';
import { AmiFrameParser, type AmiParserOutput } from './frame-parser';

// Transcript per the AMI v2 specification (https://docs.asterisk.org/Configuration/Interfaces/
// Asterisk-Manager-Interface-AMI/AMI-v2-Specification/): CRLF line endings, a blank line ends
// each message, the greeting `Asterisk Call Manager/<version>` stands alone; the Command
// action answers `Response: Follows` … `--END COMMAND--` before Asterisk 14 and
// `Response: Success` with one `Output:` header a line since.
const TRANSCRIPT = [
  'Asterisk Call Manager/5.0.1\r\n',
  'Response: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n',
  'Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 5\r\nStatus: Fully Booted\r\n\r\n',
  'Response: Follows\r\nPrivilege: Command\r\nActionID: 2\r\n',
  'Name/username             Host\r\n\r\n1001/1001                 (Unspecified)\r\n--END COMMAND--\r\n\r\n',
  'Response: Success\r\nActionID: 3\r\nMessage: Command output follows\r\n',
  'Output: Name/username\r\nOutput: 1001/1001\r\n\r\n',
  'Event: QueueCallerJoin\r\nQueue: support\r\nUniqueid: 1764000000.6\r\nCallerIDName: 山田 太郎\r\nPosition: 1\r\n\r\n',
].join('');

const summary = (outputs: readonly AmiParserOutput[]) =>
  outputs.map((o) =>
    o.ok
      ? [o.frame.kind, field(o.frame, 'Event') ?? field(o.frame, 'Response') ?? o.frame.raw]
      : ['bad', o.reason],
  );

const EXPECTED = [
  ['greeting', 'Asterisk Call Manager/5.0.1'],
  ['message', 'Success'],
  ['message', 'FullyBooted'],
  ['message', 'Follows'],
  ['message', 'Success'],
  ['message', 'QueueCallerJoin'],
];

describe('AmiFrameParser', () => {
  it('cuts a whole transcript into frames', () => {
    const out = new AmiFrameParser().push(TRANSCRIPT);
    expect(summary(out)).toEqual(EXPECTED);
    const follows = out[3]?.ok ? out[3].frame : undefined;
    expect(follows?.output).toEqual([
      'Name/username             Host',
      '',
      '1001/1001                 (Unspecified)',
      '--END COMMAND--',
    ]);
    const success = out[4]?.ok ? out[4].frame : undefined;
    expect(fields(success!, 'Output')).toEqual(['Name/username', '1001/1001']);
    const join = out[5]?.ok ? out[5].frame : undefined;
    expect(field(join!, 'uniqueid')).toBe('1764000000.6');
    expect(field(join!, 'CallerIDName')).toBe('山田 太郎');
  });

  it.each([1, 2, 3, 7, 13, 64])('gives the same frames for reads of %i characters', (size) => {
    const parser = new AmiFrameParser();
    const out: AmiParserOutput[] = [];
    for (let i = 0; i < TRANSCRIPT.length; i += size)
      out.push(...parser.push(TRANSCRIPT.slice(i, i + size)));
    expect(summary(out)).toEqual(EXPECTED);
    expect(parser.pending).toBe('');
  });

  it('survives a split at every position, including between CR and LF', () => {
    const whole = summary(new AmiFrameParser().push(TRANSCRIPT));
    for (let cut = 1; cut < TRANSCRIPT.length; cut++) {
      const parser = new AmiFrameParser();
      const out = [...parser.push(TRANSCRIPT.slice(0, cut)), ...parser.push(TRANSCRIPT.slice(cut))];
      expect(summary(out)).toEqual(whole);
    }
  });

  it('keeps a half-received frame pending (what a disconnect loses)', () => {
    const parser = new AmiFrameParser();
    expect(
      summary(parser.push('Asterisk Call Manager/2.10.4\r\nEvent: AgentConnect\r\nQueue: sup')),
    ).toEqual([['greeting', 'Asterisk Call Manager/2.10.4']]);
    expect(parser.pending).toBe('Event: AgentConnect\nQueue: sup');
  });

  it('accepts bare LF line endings and values with colons', () => {
    const out = new AmiFrameParser().push('Event: VarSet\nValue: a: b\nVariable:x\n\n');
    const frame = out[0]?.ok ? out[0].frame : undefined;
    expect(frame?.pairs).toEqual([
      ['Event', 'VarSet'],
      ['Value', 'a: b'],
      ['Variable', 'x'],
    ]);
  });

  it('reports a block without any Key: Value line and an endless line', () => {
    const parser = new AmiFrameParser();
    expect(parser.push('Asterisk Call Manager/5.0.1\r\nhello there\r\n\r\n')).toEqual([
      expect.objectContaining({ ok: true }),
      { ok: false, reason: 'AMI: a block without any Key: Value line', raw: 'hello there' },
    ]);
    const long = parser.push('x'.repeat(70_000));
    expect(long).toEqual([
      { ok: false, reason: 'AMI: a line longer than 65536 characters', raw: 'x'.repeat(256) },
    ]);
    expect(summary(parser.push('Event: FullyBooted\r\n\r\n'))).toEqual([
      ['message', 'FullyBooted'],
    ]);
  });
});
