import { createSecretCipher, type SecretCipher } from '@trellis/kit';
import { secretDigest } from '@trellis/kit/idempotency';

/** What users makes of `TOKEN_KEY_ENCRYPTION_KEY`. */
export interface TokenKeyMaterial {
  /** Seals the signing keys' private parts. */
  cipher: SecretCipher;
  /** HMAC-SHA-256 under a key derived for this use alone, never the sealing key itself. */
  digestSecret: (secret: string) => Promise<string>;
}

export function tokenKeyMaterial(rawKey: Uint8Array<ArrayBuffer>): TokenKeyMaterial {
  const digestKey = crypto.subtle
    .importKey('raw', rawKey, 'HKDF', false, ['deriveBits'])
    .then((master) =>
      crypto.subtle.deriveBits(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(0),
          info: new TextEncoder().encode('trellis-users idempotency digest'),
        },
        master,
        256,
      ),
    )
    .then((bits) => new Uint8Array(bits));
  return {
    cipher: createSecretCipher(rawKey),
    digestSecret: async (secret) => secretDigest(await digestKey, secret),
  };
}
