import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Config } from '@backstage/config';

/** One encrypted value and the id of the key that encrypted it. */
export interface SealedSecret {
  keyId: string;
  iv: string;
  ciphertext: string;
  authTag: string;
}

interface Key {
  id: string;
  bytes: Buffer;
}

/**
 * AES-256-GCM with rotating keys: the first configured key encrypts, every
 * configured key can decrypt what it encrypted before.
 *
 * @internal
 */
export class SecretCipher {
  static fromConfig(config: Config): SecretCipher {
    const keys = config
      .getConfigArray('aiComponents.secrets.keys')
      .map((keyConfig, index) => {
        const id = keyConfig.getString('id');
        const bytes = Buffer.from(keyConfig.getString('secret'), 'base64');
        if (bytes.length !== 32) {
          throw new Error(
            `aiComponents.secrets.keys[${index}].secret must be 32 bytes in base64 (openssl rand -base64 32), got ${bytes.length} bytes`,
          );
        }
        return { id, bytes };
      });
    if (keys.length === 0) {
      throw new Error('aiComponents.secrets.keys must hold at least one key');
    }
    return new SecretCipher(keys);
  }

  private constructor(private readonly keys: Key[]) {}

  seal(plaintext: string): SealedSecret {
    const key = this.keys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return {
      keyId: key.id,
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      authTag: cipher.getAuthTag().toString('base64'),
    };
  }

  open(sealed: SealedSecret): string {
    const key = this.keys.find(k => k.id === sealed.keyId);
    if (!key) {
      throw new Error(
        `secret was encrypted with key '${sealed.keyId}', which is no longer configured in aiComponents.secrets.keys`,
      );
    }
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key.bytes,
      Buffer.from(sealed.iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  }

  /** Whether a value was sealed with a key other than the current one. */
  needsRotation(sealed: SealedSecret): boolean {
    return sealed.keyId !== this.keys[0].id;
  }
}
