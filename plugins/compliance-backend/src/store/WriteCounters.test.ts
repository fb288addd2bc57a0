import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { FleetSnapshots } from './FleetSnapshots';
import {
  countWrite,
  onlyOwnWrites,
  passWriter,
  readPassWrites,
} from './WriteCounters';

const databases = createTestDatabases();

describe('onlyOwnWrites', () => {
  const counts = (entries: Record<string, number>) =>
    new Map(Object.entries(entries));
  const mine = passWriter(2, 0);
  const before = counts({ _version: 10, '_writes:2:0': 4, '_writes:2:1': 5 });

  it('holds when every write since was a pass of the same shard count, and ours were ours', () => {
    // Shard 1's pass wrote 3 times, ours twice.
    const after = counts({ _version: 15, '_writes:2:0': 6, '_writes:2:1': 8 });
    expect(onlyOwnWrites(before, after, mine, 2)).toBe(true);
    // Nothing written at all.
    expect(onlyOwnWrites(before, before, mine, 0)).toBe(true);
  });

  it('fails when our shard was written by someone else', () => {
    // Another replica ran shard 0 once more than we did.
    const after = counts({ _version: 13, '_writes:2:0': 7, '_writes:2:1': 5 });
    expect(onlyOwnWrites(before, after, mine, 2)).toBe(false);
  });

  it('fails on a write that was not a pass of this shard count: a re-evaluation, a removal, another count', () => {
    // A re-evaluation or a removal: the version moved, no writer counted it.
    expect(
      onlyOwnWrites(
        before,
        counts({ ...Object.fromEntries(before), _version: 11 }),
        mine,
        0,
      ),
    ).toBe(false);
    // A pass with three shards writes entities of every shard of two.
    const after = counts({
      _version: 11,
      '_writes:2:0': 4,
      '_writes:2:1': 5,
      '_writes:3:1': 1,
    });
    expect(onlyOwnWrites(before, after, mine, 0)).toBe(false);
    // A writer first seen after `before` counts from 0.
    const firstPass = counts({
      _version: 12,
      '_writes:2:0': 4,
      '_writes:2:1': 5,
      '_writes:20:0': 2,
    });
    expect(onlyOwnWrites(before, firstPass, mine, 0)).toBe(false);
  });
});

describe.each(databases.eachSupportedId())('pass write counters on %s', id => {
  it('counts a writer with the write version, in the writing transaction', async () => {
    const knex = await migratedDatabase(databases, id);
    const snapshots = new FleetSnapshots(knex);
    const start = await readPassWrites(knex);
    await snapshots.bump(knex, passWriter(2, 1));
    await knex.transaction(tx => snapshots.bump(tx, passWriter(2, 1)));
    await snapshots.bump();
    // A rolled back write counts nothing.
    await expect(
      knex.transaction(async tx => {
        await snapshots.bump(tx, passWriter(2, 0));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await countWrite(knex, '_evidence_writes');
    const end = await readPassWrites(knex);
    expect(end.get('_version')! - start.get('_version')!).toBe(3);
    expect(end.get('_writes:2:1')).toBe(2);
    expect(end.has('_writes:2:0')).toBe(false);
    // Other counters of the table are not writers.
    expect([...end.keys()].sort()).toEqual(['_version', '_writes:2:1']);
    expect(onlyOwnWrites(start, end, passWriter(2, 1), 2)).toBe(false);
  });
});
