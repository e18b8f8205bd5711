import { auditEntrySchema } from './audit';
import {
  displayTokenCreated,
  displayTokenRevoked,
  ingestKeyCreated,
  ingestKeyRevoked,
  tenantSettingsSaved,
  userCreated,
  userUpdated,
  wallboardDeleted,
  wallboardSaved,
} from './audit-changes';
import { defaultTenantSettings } from './tenant-settings';
import { defaultWallboard } from './wallboard';

const token = {
  id: '7d0c8a52-2a38-4a4e-a3a4-4cbd7f1f0d55',
  tenant: 'osaka',
  wallboard: 'main',
  label: 'by the window',
  createdAt: '2026-11-24T01:00:00.000Z',
  expiresAt: '2027-11-24T01:00:00.000Z',
  revokedAt: null,
  lastUsedAt: null,
};

describe('audit summaries', () => {
  it('name what changed and never a secret', () => {
    const password = 'a-very-secret-password';
    const changes = [
      userCreated({ username: 'sato', password, tenant: 'osaka', role: 'manager', scopes: [] }),
      userUpdated(
        {
          username: 'sato',
          tenant: 'osaka',
          role: 'admin',
          scopes: [],
          createdAt: '',
          disabled: true,
        },
        { password, role: 'admin', disabled: true },
      ),
      // A created token carries its secret; the summary must not.
      displayTokenCreated({ ...token, token: 'mdt_secret' } as typeof token),
      displayTokenRevoked(token),
      ingestKeyCreated({ ...token, key: 'mik_secret' } as typeof token),
      ingestKeyRevoked(token),
    ];
    expect(changes).toEqual([
      {
        action: 'user.create',
        tenant: 'osaka',
        target: 'sato',
        summary: { tenant: 'osaka', role: 'manager' },
      },
      {
        action: 'user.update',
        tenant: 'osaka',
        target: 'sato',
        summary: { role: 'admin', disabled: true, password: 'changed' },
      },
      {
        action: 'display-token.create',
        tenant: 'osaka',
        target: token.id,
        summary: { wallboard: 'main', label: 'by the window', expiresAt: token.expiresAt },
      },
      {
        action: 'display-token.revoke',
        tenant: 'osaka',
        target: token.id,
        summary: { wallboard: 'main', label: 'by the window' },
      },
      {
        action: 'ingest-key.create',
        tenant: 'osaka',
        target: token.id,
        summary: { label: 'by the window', expiresAt: token.expiresAt },
      },
      {
        action: 'ingest-key.revoke',
        tenant: 'osaka',
        target: token.id,
        summary: { label: 'by the window' },
      },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/a-very-secret|mdt_|mik_/);
  });

  it('record only the fields an update set', () => {
    const user = {
      username: 'kato',
      tenant: '*',
      role: 'admin' as const,
      scopes: [],
      createdAt: '',
      disabled: false,
    };
    expect(userUpdated(user, { disabled: false }).summary).toEqual({ disabled: false });
  });

  it('size a wallboard instead of copying it', () => {
    const board = defaultWallboard('floor-3', 'default');
    const tiles = board.pages.reduce((n, p) => n + p.tiles.length, 0);
    expect(wallboardSaved(board)).toEqual({
      action: 'wallboard.save',
      tenant: 'default',
      target: 'floor-3',
      summary: { name: board.name, pages: board.pages.length, tiles },
    });
    expect(wallboardDeleted('default', 'floor-3').summary).toEqual({});
  });

  it('make entries the answer schema accepts', () => {
    const entry = {
      id: 'x',
      at: '2026-11-24T01:00:00.000Z',
      actor: 'admin',
      actorRole: 'admin',
      actorTenant: '*',
      requestId: 'r',
      ...wallboardDeleted('default', 'floor-3'),
    };
    expect(auditEntrySchema.parse(entry)).toEqual(entry);
  });
});

describe('tenantSettingsSaved', () => {
  const before = defaultTenantSettings('osaka');

  it('names what changed, and counts the lists', () => {
    const after = {
      ...before,
      tenant: { ...before.tenant, timezone: 'Europe/London' },
      serviceLevel: { ...before.serviceLevel, thresholdMs: 30_000 },
      workingCalendar: { ...before.workingCalendar, holidays: ['2026-12-31'] },
      kgis: [{ id: 'orders', metric: 'orders', target: 100, period: 'month' as const }],
    };
    expect(tenantSettingsSaved(before, after)).toEqual({
      action: 'tenant.save',
      tenant: 'osaka',
      target: 'osaka',
      summary: { timezone: 'Europe/London', slThresholdMs: 30_000, holidays: 1, kgis: 1 },
    });
  });

  it('names a short Saturday as a change of working hours', () => {
    const after = {
      ...before,
      workingCalendar: {
        ...before.workingCalendar,
        days: [1, 2, 3, 4, 5, 6],
        hours: { '6': { start: '09:00', end: '13:00' } },
      },
    };
    expect(tenantSettingsSaved(before, after).summary).toEqual({
      workingHours: '1,2,3,4,5,6 09:00-18:00 6:09:00-13:00',
    });
  });

  it('records a save that changed nothing with an empty summary', () => {
    expect(tenantSettingsSaved(before, before).summary).toEqual({});
  });
});
