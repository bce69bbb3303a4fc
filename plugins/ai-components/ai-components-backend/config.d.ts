export interface Config {
  aiComponents?: {
    secrets: {
      /**
       * AES-256-GCM keys for secrets at rest. The first key encrypts; all
       * keys decrypt, so a new key goes first and old keys stay until every
       * secret has been read (and thereby re-encrypted) once.
       */
      keys: Array<{
        /** Stored with each ciphertext. */
        id: string;
        /**
         * 32 random bytes in base64 (`openssl rand -base64 32`).
         * @visibility secret
         */
        secret: string;
      }>;
    };
    pricing?: {
      /**
       * USD prices per model name as the provider reports it, for components
       * without their own `pricing`; self-hosted models included.
       */
      models?: {
        [model: string]: {
          inputPer1kTokens?: number;
          outputPer1kTokens?: number;
          perCall?: number;
        };
      };
    };
    /**
     * How often catalog-info.yaml components are mirrored into the registry.
     * @default { seconds: 30 }
     */
    catalogSyncFrequency?: { seconds?: number; minutes?: number };
  };
}
