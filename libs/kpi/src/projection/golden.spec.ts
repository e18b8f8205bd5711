import { differences, goldenCases } from '../../../../tests/support/golden';
import { createProjection, evolve, snapshot } from './projection';

describe('the live fold on the golden scenarios', () => {
  it.each(goldenCases().map((c) => [`${c.scenario} ${c.case.name}`, c] as const))(
    '%s',
    (_name, golden) => {
      const projection = createProjection(golden.settings);
      for (const event of golden.intake.events) evolve(projection, event);
      const { accepted, duplicates, rejected } = golden.intake;
      const result = {
        ...snapshot(projection, golden.at, golden.scope),
        ingest: { accepted, duplicates, rejected },
      };
      expect(differences(golden.expected, result)).toEqual([]);
    },
  );
});
