import type { Database, Tx } from '@trellis/db';
import type { PublicJwk, SigningKeyRow } from '@trellis/db/schema';
import { jwksKeyResolver, type SecretCipher, userTokenAlgorithm } from '@trellis/kit';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import {
  findPublishedKeys,
  findSigner,
  insertFirstSigner,
  type NewSigningKey,
  replaceSigner,
} from './repository/signing-keys.ts';

const signingAlgorithm = userTokenAlgorithm;

/** A retired key stays published this much longer than the tokens it signed can live. */
const publishMarginSeconds = 60;
/** How long a verifier trusts the published set it read before reading it again. */
const publishedCacheMs = 60_000;
/** An unknown `kid` rereads the published set at most this often. */
const unknownKidRereadMs = 1000;

export interface Signer {
  kid: string;
  key: CryptoKey;
}

export interface SigningKeyStoreOptions {
  db: Database;
  /** Seals the private keys; made from `TOKEN_KEY_ENCRYPTION_KEY`. */
  cipher: SecretCipher;
  now: () => Date;
  /** How long access tokens live, so a retired key stays published until they have expired. */
  accessTokenTtlSeconds: number;
  /** Runs on the transaction that makes the first key (the audit entry). */
  onFirstKey?: (tx: Tx, kid: string) => Promise<void>;
}

export interface SigningKeyStore {
  /** The key to sign with now, the first one made if there is none yet. */
  signer(): Promise<Signer>;
  /** Makes the first signer unless one exists; true when this call made it. */
  ensureSigner(): Promise<boolean>;
  /** The public keys a token may be verified with: the signer and recently retired keys. */
  published(): Promise<PublicJwk[]>;
  /** The public key published under `kid`, if any; rereads the set on an unknown `kid`. */
  verificationKey(kid: string): Promise<CryptoKey | Uint8Array | undefined>;
  /** Makes a new signer at once, retiring the current one, with `also` on the same transaction. */
  rotate(also?: (tx: Tx, rotated: Rotated) => Promise<void>): Promise<Rotated>;
}

export interface Rotated {
  signer: SigningKeyRow;
  retired?: string;
}

const sealContext = (kid: string) => `signing_keys/${kid}`;

async function newSigningKey(cipher: SecretCipher): Promise<NewSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(signingAlgorithm, {
    crv: 'Ed25519',
    extractable: true,
  });
  const publicPart = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicPart);
  const publicJwk = { ...publicPart, kid, alg: signingAlgorithm, use: 'sig' } as PublicJwk;
  const privateJwk = await cipher.seal(await exportJWK(privateKey), sealContext(kid));
  return { kid, publicJwk, privateJwk };
}

interface PublishedSet {
  readAt: number;
  hasSigner: boolean;
  jwks: PublicJwk[];
}

export function createSigningKeyStore(options: SigningKeyStoreOptions): SigningKeyStore {
  const { db, cipher, now } = options;
  const privateKeys = new Map<string, Promise<CryptoKey>>();
  let publishedSet: Promise<PublishedSet> | undefined;

  const openPrivateKey = (row: SigningKeyRow) => {
    let key = privateKeys.get(row.kid);
    if (!key) {
      key = cipher
        .open(row.privateJwk, sealContext(row.kid))
        .then((jwk) => importJWK(jwk as JWK, signingAlgorithm) as Promise<CryptoKey>);
      key.catch(() => privateKeys.delete(row.kid));
      privateKeys.set(row.kid, key);
    }
    return key;
  };

  const readPublished = async (): Promise<PublishedSet> => {
    const retiredSince = new Date(
      now().getTime() - (options.accessTokenTtlSeconds + publishMarginSeconds) * 1000,
    );
    const rows = await findPublishedKeys(db, retiredSince);
    return {
      readAt: Date.now(),
      hasSigner: rows.some((row) => row.retiredAt === null),
      jwks: rows.map((row) => row.publicJwk),
    };
  };

  const published = async (reread = false): Promise<PublishedSet> => {
    const current = publishedSet ? await publishedSet.catch(() => undefined) : undefined;
    if (!reread && current && Date.now() - current.readAt < publishedCacheMs) {
      return current;
    }
    const next = readPublished();
    publishedSet = next;
    if (!current) {
      return next;
    }
    // While the database cannot be read, keep verifying with the keys already known.
    return next.catch(() => {
      publishedSet = Promise.resolve(current);
      return current;
    });
  };

  // The kit's JWKS resolver over the store itself, as every other service's is over users'
  // JWKS: an unknown kid rereads at most once a second, waiting for the reread inside that
  // second, so a key another instance rotated in is found and forged kids cannot flood Postgres.
  // A rotation made here starts a fresh resolver, so this instance knows its new key at once.
  const newResolver = () =>
    jwksKeyResolver({
      fetchJwks: async () => ({ keys: (await published(true)).jwks as JWK[] }),
      minRefetchMs: unknownKidRereadMs,
      maxAgeMs: publishedCacheMs,
    });
  let resolveKey = newResolver();

  const ensureSigner = async () => {
    if (await findSigner(db)) {
      return false;
    }
    const key = await newSigningKey(cipher);
    const { created } = await insertFirstSigner(db, key, now(), options.onFirstKey);
    publishedSet = undefined;
    resolveKey = newResolver();
    return created;
  };

  return {
    async signer() {
      let row = await findSigner(db);
      if (!row) {
        await ensureSigner();
        row = await findSigner(db);
      }
      if (!row) {
        throw new Error('no signing key');
      }
      return { kid: row.kid, key: await openPrivateKey(row) };
    },
    ensureSigner,
    async published() {
      // Read afresh: a verifier asking after an unknown kid must see a rotation made elsewhere.
      const set = await published(true);
      if (set.hasSigner) {
        return set.jwks;
      }
      await ensureSigner();
      return (await published(true)).jwks;
    },
    verificationKey: (kid) => resolveKey(kid),
    async rotate(also) {
      const key = await newSigningKey(cipher);
      const rotated = await db.transaction(async (tx) => {
        const result = await replaceSigner(tx, key, now());
        await also?.(tx, result);
        return result;
      });
      publishedSet = undefined;
      resolveKey = newResolver();
      return rotated;
    },
  };
}
