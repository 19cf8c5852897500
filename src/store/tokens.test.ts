import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from './db.js';
import { createToken, findToken, revokeToken } from './tokens.js';

let store: Store;
beforeEach(async () => {
  store = await Store.open(':memory:');
});
afterEach(() => store.close());

describe('findToken', () => {
  it('remembers a verified token briefly, and forgets it the moment it is revoked', async () => {
    const { token, info } = await createToken(store, { role: 'viewer', name: 'v' });
    expect((await findToken(store, token))?.id).toBe(info.id);
    // Revoked behind the cache's back (as another process would): still served from memory.
    await store.run('UPDATE tokens SET revoked_at = current_timestamp::TIMESTAMP WHERE id = $id', {
      id: info.id,
    });
    expect((await findToken(store, token))?.id).toBe(info.id);
    // Revoked through this process: refused at once.
    const other = await createToken(store, { role: 'viewer', name: 'w' });
    await findToken(store, other.token);
    expect(await revokeToken(store, other.info.id)).toBe(true);
    expect(await findToken(store, other.token)).toBeNull();
    expect(await findToken(store, token)).toBeNull();
    expect(await findToken(store, 'sitrep_made_up')).toBeNull();
  });
});
